package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaDirectoryTest {
  private static final Instant NOW = Instant.now();
  private static CertificateAuthority ca;

  @TempDir
  Path dir;

  @BeforeAll
  static void makeCa() {
    ca = CertificateAuthority.create(CaRequest.defaults(NOW));
  }

  @Test
  void writesCertificateAndPrivateKeyWithMode0600() throws Exception {
    List<Path> written = CaDirectory.write(dir.resolve("ca"), ca, Optional.empty(), false);

    assertEquals(List.of(dir.resolve("ca/ca.pem"), dir.resolve("ca/ca.key")), written);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/ca.key"))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/ca.pem"))));
    CertificateAuthority loaded = CaDirectory.load(dir.resolve("ca"), PasswordSource.none(), NOW);
    assertEquals(ca.certificate(), loaded.certificate());
    assertEquals(ca.privateKey(), loaded.privateKey());
    assertEquals(ca.certificate(), CaDirectory.loadCertificate(dir.resolve("ca")));
    assertEquals(ca.certificate(), CaDirectory.loadCertificate(dir.resolve("ca/ca.pem")));
  }

  @Test
  void encryptedKeyNeedsItsPassword() throws Exception {
    CaDirectory.write(dir, ca, Optional.of("pw".toCharArray()), false);

    assertTrue(PemFiles.isEncrypted(CaDirectory.keyFile(dir)));
    assertEquals(ca.privateKey(), CaDirectory.load(dir, PasswordSource.of("pw".toCharArray()), NOW).privateKey());
    assertEquals("wrong password for the encrypted key " + CaDirectory.keyFile(dir),
        assertThrows(CertToolException.class,
            () -> CaDirectory.load(dir, PasswordSource.of("nope".toCharArray()), NOW)).getMessage());
    assertTrue(assertThrows(CertToolException.class, () -> CaDirectory.load(dir, PasswordSource.none(), NOW))
        .getMessage().contains("is encrypted and no password was given"));
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    CaDirectory.write(dir, ca, Optional.empty(), false);
    String before = Files.readString(CaDirectory.certificateFile(dir));
    CertificateAuthority other = CertificateAuthority.create(CaRequest.defaults(NOW));

    CertToolException e = assertThrows(CertToolException.class,
        () -> CaDirectory.write(dir, other, Optional.empty(), false));
    assertEquals(CaDirectory.certificateFile(dir) + " already exists; use --force to overwrite it", e.getMessage());
    assertEquals(before, Files.readString(CaDirectory.certificateFile(dir)));
    assertThrows(CertToolException.class, () -> CaDirectory.requireWritable(dir, false));

    CaDirectory.requireWritable(dir, true);
    CaDirectory.write(dir, other, Optional.empty(), true);
    assertEquals(other.certificate(), CaDirectory.loadCertificate(dir));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(CaDirectory.keyFile(dir))));
  }

  @Test
  void refusesToOverwriteWhenOnlyTheKeyExists() throws Exception {
    Files.writeString(CaDirectory.keyFile(dir), "precious");
    assertThrows(CertToolException.class, () -> CaDirectory.write(dir, ca, Optional.empty(), false));
    assertEquals("precious", Files.readString(CaDirectory.keyFile(dir)));
    assertTrue(Files.notExists(CaDirectory.certificateFile(dir)), "nothing is written when one file is in the way");
  }

  @Test
  void missingCaIsNamed() throws Exception {
    assertEquals("CA directory " + dir.resolve("none") + " not found", assertThrows(CertToolException.class,
        () -> CaDirectory.load(dir.resolve("none"), PasswordSource.none(), NOW)).getMessage());
    Path file = Files.writeString(dir.resolve("ca.pem.txt"), "x");
    assertEquals("CA directory " + file + " is a file; give the directory holding ca.pem and ca.key",
        assertThrows(CertToolException.class, () -> CaDirectory.load(file, PasswordSource.none(), NOW)).getMessage());
    assertEquals("CA certificate " + CaDirectory.certificateFile(dir) + " not found", assertThrows(
        CertToolException.class, () -> CaDirectory.load(dir, PasswordSource.none(), NOW)).getMessage());
    Files.writeString(CaDirectory.certificateFile(dir), PemFiles.encode(ca.certificate()));
    assertEquals("CA key " + CaDirectory.keyFile(dir) + " not found", assertThrows(CertToolException.class,
        () -> CaDirectory.load(dir, PasswordSource.none(), NOW)).getMessage());
  }

  @Test
  void unreadableCaIsNamed() throws Exception {
    Files.writeString(CaDirectory.certificateFile(dir), "not a certificate\n");
    assertEquals(CaDirectory.certificateFile(dir) + ": contains no PEM certificate", assertThrows(
        CertToolException.class, () -> CaDirectory.load(dir, PasswordSource.none(), NOW)).getMessage());
    Files.writeString(CaDirectory.certificateFile(dir), PemFiles.encode(ca.certificate()));
    Files.writeString(CaDirectory.keyFile(dir), "not a key\n");
    assertEquals(CaDirectory.keyFile(dir) + ": contains no PEM private key", assertThrows(
        CertToolException.class, () -> CaDirectory.load(dir, PasswordSource.none(), NOW)).getMessage());
  }

  @Test
  void keyThatDoesNotMatchIsNamed() throws Exception {
    CertificateAuthority other = CertificateAuthority.create(CaRequest.defaults(NOW));
    Files.writeString(CaDirectory.certificateFile(dir), PemFiles.encode(ca.certificate()));
    Files.writeString(CaDirectory.keyFile(dir), PemFiles.encode(other.privateKey(), Optional.empty()));
    assertEquals("CA key " + CaDirectory.keyFile(dir) + " does not match the certificate "
            + CaDirectory.certificateFile(dir),
        assertThrows(CertToolException.class, () -> CaDirectory.load(dir, PasswordSource.none(), NOW)).getMessage());
  }

  @Test
  void expiredCaIsNamed() {
    CertificateAuthority old = CertificateAuthority.create(new CaRequest("old", KeyType.EC_P256,
        new Validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)))));
    CaDirectory.write(dir, old, Optional.empty(), false);
    assertEquals(CaDirectory.certificateFile(dir) + ": the CA certificate expired on " + old.validity().notAfter(),
        assertThrows(CertToolException.class, () -> CaDirectory.load(dir, PasswordSource.none(), NOW)).getMessage());
  }

  @Test
  void nodeCertificateIsNoCa() throws Exception {
    NodeCredentials node = ca.issue(NodeRequest.defaults(NodeName.of("a"), List.of(), NOW));
    Files.writeString(CaDirectory.certificateFile(dir), PemFiles.encode(node.certificate()));
    Files.writeString(CaDirectory.keyFile(dir), PemFiles.encode(node.privateKey(), Optional.empty()));
    assertEquals(CaDirectory.certificateFile(dir) + " is not a CA certificate (no basicConstraints CA:true)",
        assertThrows(CertToolException.class, () -> CaDirectory.load(dir, PasswordSource.none(), NOW)).getMessage());
  }

  @Test
  void aDirectoryInTheWayIsNamed() throws Exception {
    Files.createDirectories(CaDirectory.certificateFile(dir));
    assertEquals(CaDirectory.certificateFile(dir) + " is a directory; cannot write a file there",
        assertThrows(CertToolException.class, () -> CaDirectory.write(dir, ca, Optional.empty(), true)).getMessage());
  }

  @Test
  void aFileInPlaceOfTheDirectoryIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    CertToolException e = assertThrows(CertToolException.class,
        () -> CaDirectory.write(file.resolve("ca"), ca, Optional.empty(), false));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
