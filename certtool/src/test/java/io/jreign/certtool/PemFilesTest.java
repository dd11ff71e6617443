package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemFilesTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void keysRoundTripPlainAndEncrypted(KeyType type) throws Exception {
    KeyPair keys = type.generate();
    Path plain = Files.writeString(dir.resolve("plain.key"), PemFiles.encode(keys.getPrivate(), Optional.empty()));
    Path encrypted = Files.writeString(dir.resolve("enc.key"),
        PemFiles.encode(keys.getPrivate(), Optional.of("s3cret".toCharArray())));

    assertTrue(Files.readString(plain).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(Files.readString(encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    assertFalse(PemFiles.isEncrypted(plain));
    assertTrue(PemFiles.isEncrypted(encrypted));
    PrivateKey readPlain = PemFiles.readPrivateKey(plain, PasswordSource.none());
    PrivateKey readEncrypted = PemFiles.readPrivateKey(encrypted, PasswordSource.of("s3cret".toCharArray()));
    assertEquals(keys.getPrivate(), readPlain);
    assertEquals(keys.getPrivate(), readEncrypted);
    assertTrue(Keys.matches(readEncrypted, keys.getPublic()));
  }

  @Test
  void wrongOrMissingPasswordIsNamed() throws Exception {
    Path encrypted = Files.writeString(dir.resolve("enc.key"),
        PemFiles.encode(KeyType.EC_P256.generate().getPrivate(), Optional.of("right".toCharArray())));
    CertToolException wrong = assertThrows(CertToolException.class,
        () -> PemFiles.readPrivateKey(encrypted, PasswordSource.of("wrong".toCharArray())));
    assertEquals("wrong password for the encrypted key " + encrypted, wrong.getMessage());
    CertToolException missing = assertThrows(CertToolException.class,
        () -> PemFiles.readPrivateKey(encrypted, PasswordSource.none()));
    assertEquals("the key " + encrypted
        + " is encrypted and no password was given (use --password-env VAR or --password-prompt)", missing.getMessage());
  }

  @Test
  void passwordSourceIsAskedOnlyForEncryptedKeys() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain.key"),
        PemFiles.encode(KeyType.EC_P256.generate().getPrivate(), Optional.empty()));
    PemFiles.readPrivateKey(plain, keyFile -> {
      throw new AssertionError("asked for a password of an unencrypted key");
    });
  }

  @Test
  void certificatesRoundTripInOrder() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaRequest.defaults(Instant.now()));
    NodeCredentials node = ca.issue(NodeRequest.defaults(NodeName.of("a"), List.of(), Instant.now()));
    Path chain = Files.writeString(dir.resolve("chain.pem"),
        PemFiles.encode(node.certificate()) + PemFiles.encode(ca.certificate()));
    assertEquals(List.of(node.certificate(), ca.certificate()), PemFiles.readCertificates(chain));
    assertEquals(node.certificate(), PemFiles.readCertificate(chain));
  }

  @Test
  void missingFilesAreNamed() {
    Path missing = dir.resolve("nope.pem");
    assertEquals(missing + ": no such file",
        assertThrows(CertToolException.class, () -> PemFiles.readCertificate(missing)).getMessage());
    assertEquals(missing + ": no such file",
        assertThrows(CertToolException.class, () -> PemFiles.readPrivateKey(missing, PasswordSource.none())).getMessage());
    assertEquals(dir + ": is a directory, not a PEM file",
        assertThrows(CertToolException.class, () -> PemFiles.readCertificate(dir)).getMessage());
  }

  @Test
  void filesWithoutTheRightContentAreNamed() throws Exception {
    Path garbage = Files.write(dir.resolve("garbage.pem"), new byte[] {0, 1, 2, (byte) 0xff, 10});
    Path keyOnly = Files.writeString(dir.resolve("key.pem"),
        PemFiles.encode(KeyType.EC_P256.generate().getPrivate(), Optional.empty()));
    Path corrupt = Files.writeString(dir.resolve("corrupt.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA!!!!\n-----END CERTIFICATE-----\n");
    assertEquals(garbage + ": contains no PEM certificate",
        assertThrows(CertToolException.class, () -> PemFiles.readCertificate(garbage)).getMessage());
    assertEquals(keyOnly + ": contains no PEM certificate",
        assertThrows(CertToolException.class, () -> PemFiles.readCertificate(keyOnly)).getMessage());
    assertTrue(assertThrows(CertToolException.class, () -> PemFiles.readCertificate(corrupt)).getMessage()
        .startsWith(corrupt + ": not a valid PEM certificate file"));
    assertEquals(garbage + ": contains no PEM private key",
        assertThrows(CertToolException.class, () -> PemFiles.readPrivateKey(garbage, PasswordSource.none()))
            .getMessage());
  }
}
