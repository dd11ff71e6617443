package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateSummaryTest {
  private static final Instant NOW = Instant.parse("2032-03-04T05:06:07Z");

  @Test
  void summarisesANodeCertificate() {
    CertificateAuthority ca = CertificateAuthority.create(CaRequest.defaults(NOW));
    NodeCredentials node = ca.issue(new NodeRequest(NodeName.of("a"),
        List.of(Host.parse("127.0.0.1"), Host.parse("localhost")), KeyType.RSA_3072, Validity.days(NOW, 1)));

    CertificateSummary summary = CertificateSummary.of(node.certificate());

    assertEquals("CN=a", summary.subject());
    assertEquals("CN=jreign cluster CA", summary.issuer());
    assertEquals(List.of("URI:jreign://node/a", "IP:127.0.0.1", "DNS:localhost"), summary.subjectAltNames());
    assertEquals(List.of("digitalSignature", "keyEncipherment"), summary.keyUsage());
    assertEquals(List.of("serverAuth", "clientAuth"), summary.extendedKeyUsage());
    assertEquals("RSA 3072", summary.keyType());
    assertEquals("SHA256withECDSA", summary.signatureAlgorithm());
    assertFalse(summary.ca());
    assertEquals(Optional.of(NodeName.of("a")), summary.identity());
    assertEquals(95, summary.sha256().length());

    String text = summary.format(NOW);
    assertTrue(text.contains("Subject:            CN=a\n"), text);
    assertTrue(text.contains("Node identity:      a (jreign://node/a)\n"), text);
    assertTrue(text.contains("Subject alt names:  URI:jreign://node/a, IP:127.0.0.1, DNS:localhost\n"), text);
    assertTrue(text.contains("(valid now)"), text);
    assertTrue(summary.format(NOW.plus(Duration.ofDays(2))).contains("(EXPIRED)"));
    assertTrue(summary.format(NOW.minus(Duration.ofDays(2))).contains("(NOT YET VALID)"));
  }

  @Test
  void summarisesACaCertificate() {
    CertificateAuthority ca = CertificateAuthority.create(new CaRequest("root", KeyType.ED25519, Validity.days(NOW, 1)));
    CertificateSummary summary = CertificateSummary.of(ca.certificate());
    assertTrue(summary.ca());
    assertEquals(List.of("keyCertSign", "cRLSign"), summary.keyUsage());
    assertEquals(List.of(), summary.extendedKeyUsage());
    assertEquals("Ed25519", summary.keyType());
    String text = summary.format(NOW);
    assertTrue(text.contains("Issuer:             CN=root (self-signed)"), text);
    assertTrue(text.contains("Node identity:      none"), text);
    assertTrue(text.contains("Type:               CA certificate"), text);
  }
}
