package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OpenSSL accepts what certtool makes, and certtool reads keys OpenSSL makes. */
class OpenSslInteropTest {
  private static final Instant NOW = Instant.now();

  @TempDir
  Path dir;

  @BeforeAll
  static void needsOpenSsl() {
    OpenSslTool.assumeInstalled();
  }

  private ClusterLayout cluster(Path root, KeyType type, Optional<char[]> password) {
    ClusterRequest request = new ClusterRequest(List.of(NodeName.of("a"), NodeName.of("b")),
        List.of(Host.parse("127.0.0.1"), Host.parse("localhost"), Host.parse("::1")),
        new CaRequest("jreign test CA", type, Validity.days(NOW, 30)), type, Validity.days(NOW, 10));
    return ClusterDirectory.write(root, ClusterCredentials.generate(request), password, false);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void opensslVerifiesNodeCertificates(KeyType type) throws Exception {
    ClusterLayout layout = cluster(dir, type, Optional.empty());
    Path caPem = CaDirectory.certificateFile(layout.caDirectory());
    for (Path node : layout.nodeDirectories().values()) {
      Path nodePem = NodeDirectory.certificateFile(node);
      OpenSslTool.Result result = OpenSslTool.run("verify", "-CAfile", caPem.toString(), nodePem.toString());
      assertEquals(0, result.exitCode(), result.output());
      assertEquals(nodePem + ": OK", result.output().strip());
      OpenSslTool.Result purpose = OpenSslTool.run("verify", "-CAfile", caPem.toString(), "-purpose", "sslclient",
          nodePem.toString());
      assertEquals(0, purpose.exitCode(), purpose.output());
      purpose = OpenSslTool.run("verify", "-CAfile", caPem.toString(), "-purpose", "sslserver", nodePem.toString());
      assertEquals(0, purpose.exitCode(), purpose.output());
    }
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void opensslShowsSansAndUsages(KeyType type) throws Exception {
    ClusterLayout layout = cluster(dir, type, Optional.empty());
    Path nodePem = NodeDirectory.certificateFile(layout.nodeDirectories().get(NodeName.of("a")));

    String text = OpenSslTool.run("x509", "-noout", "-text", "-in", nodePem.toString()).output();

    assertTrue(text.contains("URI:jreign://node/a, IP Address:127.0.0.1, DNS:localhost, IP Address:0:0:0:0:0:0:0:1"),
        text);
    assertTrue(text.matches("(?s).*Subject: ?CN ?= ?a\\R.*"), text);
    assertTrue(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"), text);
    assertTrue(text.contains("Digital Signature"), text);
    assertTrue(text.contains("CA:FALSE"), text);
    assertTrue(text.contains("X509v3 Key Usage: critical"), text);

    String ca = OpenSslTool.run("x509", "-noout", "-text", "-in",
        CaDirectory.certificateFile(layout.caDirectory()).toString()).output();
    assertTrue(ca.contains("CA:TRUE, pathlen:0"), ca);
    assertTrue(ca.contains("Certificate Sign, CRL Sign"), ca);
  }

  @Test
  void opensslRejectsAForeignCaAndAnExpiredCertificate() throws Exception {
    ClusterLayout ours = cluster(dir.resolve("ours"), KeyType.EC_P256, Optional.empty());
    ClusterLayout foreign = cluster(dir.resolve("foreign"), KeyType.EC_P256, Optional.empty());
    Path caPem = CaDirectory.certificateFile(ours.caDirectory());
    Path strangerPem = NodeDirectory.certificateFile(foreign.nodeDirectories().get(NodeName.of("a")));
    assertNotEquals(0, OpenSslTool.run("verify", "-CAfile", caPem.toString(), strangerPem.toString()).exitCode());

    CertificateAuthority ca = CaDirectory.load(ours.caDirectory(), PasswordSource.none(), NOW);
    CertificateAuthority wide = CertificateAuthority.create(new CaRequest("wide", KeyType.EC_P256,
        new Validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)))));
    NodeDirectory.write(dir.resolve("expired"), wide.issue(new NodeRequest(NodeName.of("a"), List.of(), KeyType.EC_P256,
        new Validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1))))), false);
    OpenSslTool.Result expired = OpenSslTool.run("verify", "-CAfile", dir.resolve("expired/ca.pem").toString(),
        dir.resolve("expired/node.pem").toString());
    assertNotEquals(0, expired.exitCode());
    assertTrue(expired.output().contains("certificate has expired"), expired.output());
    assertTrue(ca.validity().contains(NOW));
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void opensslReadsTheEncryptedCaKey(KeyType type) throws Exception {
    ClusterLayout layout = cluster(dir, type, Optional.of("correct horse".toCharArray()));
    Path key = CaDirectory.keyFile(layout.caDirectory());
    assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

    OpenSslTool.Result fromKey = OpenSslTool.run("pkey", "-in", key.toString(), "-passin", "pass:correct horse",
        "-pubout");
    OpenSslTool.Result fromCertificate = OpenSslTool.run("x509", "-noout", "-pubkey", "-in",
        CaDirectory.certificateFile(layout.caDirectory()).toString());
    assertEquals(0, fromKey.exitCode(), fromKey.output());
    assertEquals(fromCertificate.output(), fromKey.output());
    assertNotEquals(0, OpenSslTool.run("pkey", "-in", key.toString(), "-passin", "pass:wrong", "-noout").exitCode());
  }

  @Test
  void readsKeysOpensslWrites() throws Exception {
    Path pkcs8 = dir.resolve("pkcs8.key");
    Path encryptedPkcs8 = dir.resolve("enc-pkcs8.key");
    Path traditionalEc = dir.resolve("ec.key");
    Path traditionalRsa = dir.resolve("rsa.key");
    assertEquals(0, OpenSslTool.run("genpkey", "-algorithm", "ED25519", "-out", pkcs8.toString()).exitCode());
    assertEquals(0, OpenSslTool.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-aes-256-cbc", "-pass", "pass:x", "-out", encryptedPkcs8.toString()).exitCode());
    assertEquals(0, OpenSslTool.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
        traditionalEc.toString()).exitCode());
    assertEquals(0, OpenSslTool.run("genrsa", "-traditional", "-aes256", "-passout", "pass:y", "-out",
        traditionalRsa.toString(), "2048").exitCode());

    PrivateKey ed = PemFiles.readPrivateKey(pkcs8, PasswordSource.none());
    PrivateKey ec = PemFiles.readPrivateKey(encryptedPkcs8, PasswordSource.of("x".toCharArray()));
    PrivateKey ecTraditional = PemFiles.readPrivateKey(traditionalEc, PasswordSource.none());
    PrivateKey rsa = PemFiles.readPrivateKey(traditionalRsa, PasswordSource.of("y".toCharArray()));

    assertEquals(KeyType.ED25519, KeyType.of(ed));
    assertEquals(KeyType.EC_P256, KeyType.of(ec));
    assertEquals(KeyType.EC_P256, KeyType.of(ecTraditional));
    assertEquals("RSA", rsa.getAlgorithm());
    assertTrue(PemFiles.isEncrypted(traditionalRsa));
  }
}
