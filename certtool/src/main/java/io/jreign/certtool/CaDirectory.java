package io.jreign.certtool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A CA on disk: a directory holding {@value #CERTIFICATE_FILE} (the certificate, PEM) and
 * {@value #KEY_FILE} (the private key, PKCS#8 PEM, mode 0600; encrypted PKCS#8 when written with
 * a password).
 */
public final class CaDirectory {
  /** The CA certificate's file name. */
  public static final String CERTIFICATE_FILE = "ca.pem";

  /** The CA key's file name. */
  public static final String KEY_FILE = "ca.key";

  private CaDirectory() {}

  /**
   * The CA certificate file of a CA directory.
   *
   * @param dir the CA directory
   * @return {@code dir/ca.pem}
   */
  public static Path certificateFile(Path dir) {
    return dir.resolve(CERTIFICATE_FILE);
  }

  /**
   * The CA key file of a CA directory.
   *
   * @param dir the CA directory
   * @return {@code dir/ca.key}
   */
  public static Path keyFile(Path dir) {
    return dir.resolve(KEY_FILE);
  }

  /**
   * Checks, before any work, that {@link #write} would not overwrite a file.
   *
   * @param dir the CA directory
   * @param force whether overwriting is allowed
   * @throws CertToolException naming the first file that exists, unless {@code force}
   */
  public static void requireWritable(Path dir, boolean force) {
    SafeFiles.refuseOverwrite(List.of(certificateFile(dir), keyFile(dir)), force);
  }

  /**
   * Writes a CA's certificate and key, or nothing when either file exists and {@code force} is
   * false. Creates the directory when missing.
   *
   * @param dir the CA directory
   * @param ca the CA
   * @param password encrypts the key when present
   * @param force overwrite existing files
   * @return the files written
   * @throws CertToolException naming the file when one exists or cannot be written
   */
  public static List<Path> write(Path dir, CertificateAuthority ca, Optional<char[]> password, boolean force) {
    return SafeFiles.writeAll(targets(dir, ca, password), force);
  }

  static List<SafeFiles.Target> targets(Path dir, CertificateAuthority ca, Optional<char[]> password) {
    return List.of(
        new SafeFiles.Target(certificateFile(dir), PemFiles.encode(ca.certificate()), false),
        new SafeFiles.Target(keyFile(dir), PemFiles.encode(ca.privateKey(), password), true));
  }

  /**
   * Reads only the CA certificate, e.g. to verify against it.
   *
   * @param dirOrFile a CA directory (its {@value #CERTIFICATE_FILE} is read) or a PEM file
   * @return the CA certificate
   * @throws CertToolException when the file is missing, unreadable or not a CA certificate
   */
  public static X509Certificate loadCertificate(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? certificateFile(dirOrFile) : dirOrFile;
    if (!Files.exists(file)) {
      throw new CertToolException("CA certificate " + file + " not found");
    }
    X509Certificate certificate = PemFiles.readCertificate(file);
    if (certificate.getBasicConstraints() < 0) {
      throw new CertToolException(file + " is not a CA certificate (no basicConstraints CA:true)");
    }
    return certificate;
  }

  /**
   * Loads a CA to issue certificates with, checking that the key matches the certificate and that
   * the CA is valid at {@code now}.
   *
   * @param dir the CA directory
   * @param passwords asked for the key's password only when the key is encrypted
   * @param now the instant the CA must be valid at
   * @return the CA
   * @throws CertToolException naming the file: missing or unreadable certificate or key, a
   *     certificate that is no CA, a key that does not match it, a wrong or missing password, an
   *     expired or not yet valid CA
   */
  public static CertificateAuthority load(Path dir, PasswordSource passwords, Instant now) {
    if (Files.isRegularFile(dir)) {
      throw new CertToolException("CA directory " + dir + " is a file; give the directory holding "
          + CERTIFICATE_FILE + " and " + KEY_FILE);
    }
    if (!Files.isDirectory(dir)) {
      throw new CertToolException("CA directory " + dir + " not found");
    }
    Path certificateFile = certificateFile(dir);
    Path keyFile = keyFile(dir);
    X509Certificate certificate = loadCertificate(certificateFile);
    if (!Files.exists(keyFile)) {
      throw new CertToolException("CA key " + keyFile + " not found");
    }
    PrivateKey key = PemFiles.readPrivateKey(keyFile, passwords);
    if (!Keys.matches(key, certificate.getPublicKey())) {
      throw new CertToolException("CA key " + keyFile + " does not match the certificate " + certificateFile);
    }
    CertificateAuthority ca = new CertificateAuthority(certificate, key);
    try {
      ca.requireValidAt(now);
    } catch (CertToolException e) {
      throw new CertToolException(certificateFile + ": " + e.getMessage(), e);
    }
    return ca;
  }
}
