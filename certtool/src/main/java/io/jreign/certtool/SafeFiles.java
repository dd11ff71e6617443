package io.jreign.certtool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes files without clobbering: every target is checked before any is written. */
final class SafeFiles {
  /** Mode of private key files. */
  static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
  /** Mode of certificate files. */
  static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private SafeFiles() {}

  /** One file to write: its path, its text and whether it is secret (mode 0600). */
  record Target(Path path, String content, boolean secret) {}

  /**
   * Writes all targets, or none when one already exists and {@code force} is false.
   *
   * @return the paths written, in order
   */
  static List<Path> writeAll(List<Target> targets, boolean force) {
    refuseOverwrite(targets.stream().map(Target::path).toList(), force);
    for (Target target : targets) {
      write(target);
    }
    return targets.stream().map(Target::path).toList();
  }

  /** Throws naming the first path that exists, unless {@code force}; directories are never replaced. */
  static void refuseOverwrite(List<Path> paths, boolean force) {
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        throw new CertToolException(path + " is a directory; cannot write a file there");
      }
      if (!force && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new CertToolException(path + " already exists; use --force to overwrite it");
      }
    }
  }

  private static void write(Target target) {
    Path path = target.path().toAbsolutePath();
    Path dir = path.getParent();
    try {
      Files.createDirectories(dir);
      boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
      Set<PosixFilePermission> mode = target.secret() ? SECRET : PUBLIC;
      FileAttribute<?>[] attributes = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
      Path temp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp", attributes);
      try {
        Files.writeString(temp, target.content(), StandardCharsets.US_ASCII);
        if (posix) {
          Files.setPosixFilePermissions(temp, mode);
        }
        move(temp, path);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CertToolException(e.getFile() + " is in the way; cannot create " + path, e);
    } catch (IOException e) {
      throw new CertToolException("cannot write " + target.path() + " (" + describe(e) + ")", e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String describe(IOException e) {
    Map<Class<?>, String> known = Map.of(AccessDeniedException.class, "permission denied",
        NotDirectoryException.class, "not a directory");
    return known.getOrDefault(e.getClass(), e.getClass().getSimpleName() + ": " + e.getMessage());
  }
}
