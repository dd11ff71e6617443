package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {
  private static final Instant NOW = Instant.now();

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void makesASelfSignedCa(KeyType type) throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(new CaRequest("Test, CA", type, Validity.days(NOW, 10)));
    X509Certificate certificate = ca.certificate();

    certificate.verify(certificate.getPublicKey());
    assertEquals("CN=Test\\, CA", certificate.getSubjectX500Principal().getName());
    assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
    assertEquals(0, certificate.getBasicConstraints());
    assertArrayEquals(new boolean[] {false, false, false, false, false, true, true, false, false},
        certificate.getKeyUsage());
    assertTrue(certificate.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
    assertEquals(type, KeyType.of(certificate.getPublicKey()));
    assertEquals(Optional.empty(), NodeIdentity.of(certificate));
    assertTrue(certificate.getSerialNumber().signum() > 0);
    assertTrue(certificate.getSerialNumber().bitLength() <= 159);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void issuesNodeCertificatesWithIdentityHostsAndUsage(KeyType type) throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaRequest.defaults(NOW));
    NodeCredentials node = ca.issue(new NodeRequest(NodeName.of("a"),
        List.of(Host.parse("127.0.0.1"), Host.parse("node-a.local"), Host.parse("::1")), type, Validity.days(NOW, 5)));
    X509Certificate certificate = node.certificate();

    certificate.verify(ca.certificate().getPublicKey());
    assertEquals("CN=a", certificate.getSubjectX500Principal().getName());
    assertEquals(ca.certificate().getSubjectX500Principal(), certificate.getIssuerX500Principal());
    assertEquals(-1, certificate.getBasicConstraints());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), certificate.getExtendedKeyUsage());
    assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
    assertEquals(type == KeyType.RSA_3072, certificate.getKeyUsage()[2], "keyEncipherment only for RSA");
    assertEquals(List.of(List.of(6, "jreign://node/a"), List.of(7, "127.0.0.1"), List.of(2, "node-a.local"),
        List.of(7, "0:0:0:0:0:0:0:1")), List.copyOf(certificate.getSubjectAlternativeNames()));
    assertEquals(Optional.of(NodeName.of("a")), NodeIdentity.of(certificate));
    assertEquals(type, KeyType.of(node.privateKey()));
    assertTrue(Keys.matches(node.privateKey(), certificate.getPublicKey()));
    assertEquals(ca.certificate(), node.caCertificate());
    assertEquals(Validity.days(NOW, 5).notAfter(), certificate.getNotAfter().toInstant());
  }

  @Test
  void cutsANodesValidityToTheCas() {
    CertificateAuthority ca = CertificateAuthority.create(new CaRequest("short", KeyType.EC_P256, Validity.days(NOW, 2)));
    NodeCredentials node = ca.issue(NodeRequest.defaults(NodeName.of("a"), List.of(), NOW));
    assertEquals(ca.certificate().getNotAfter(), node.certificate().getNotAfter());
  }

  @Test
  void refusesAValidityOutsideTheCas() {
    CertificateAuthority ca = CertificateAuthority.create(new CaRequest("short", KeyType.EC_P256, Validity.days(NOW, 2)));
    Validity later = new Validity(NOW.plus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(6)));
    assertThrows(CertToolException.class,
        () -> ca.issue(new NodeRequest(NodeName.of("a"), List.of(), KeyType.EC_P256, later)));
  }

  @Test
  void requireValidAtNamesTheDate() {
    CertificateAuthority ca = CertificateAuthority.create(new CaRequest("short", KeyType.EC_P256, Validity.days(NOW, 2)));
    ca.requireValidAt(NOW);
    CertToolException expired = assertThrows(CertToolException.class,
        () -> ca.requireValidAt(NOW.plus(Duration.ofDays(3))));
    assertEquals("the CA certificate expired on " + ca.validity().notAfter(), expired.getMessage());
    CertToolException early = assertThrows(CertToolException.class,
        () -> ca.requireValidAt(NOW.minus(Duration.ofDays(1))));
    assertEquals("the CA certificate is not valid before " + ca.validity().notBefore(), early.getMessage());
  }

  @Test
  void rejectsAKeyThatDoesNotMatch() {
    CertificateAuthority ca = CertificateAuthority.create(CaRequest.defaults(NOW));
    CertToolException e = assertThrows(CertToolException.class,
        () -> new CertificateAuthority(ca.certificate(), KeyType.EC_P256.generate().getPrivate()));
    assertEquals("the private key does not match the CA certificate", e.getMessage());
  }

  @Test
  void rejectsANonCaCertificate() {
    CertificateAuthority ca = CertificateAuthority.create(CaRequest.defaults(NOW));
    NodeCredentials node = ca.issue(NodeRequest.defaults(NodeName.of("a"), List.of(), NOW));
    CertToolException e = assertThrows(CertToolException.class,
        () -> new CertificateAuthority(node.certificate(), node.privateKey()));
    assertTrue(e.getMessage().contains("is not a CA certificate"), e.getMessage());
  }

  @Test
  void rejectsBadCaNames() {
    Validity validity = Validity.days(NOW, 1);
    for (String name : new String[] {"", " ", "x".repeat(65), "a\nb", null}) {
      CertToolException e = assertThrows(CertToolException.class, () -> new CaRequest(name, KeyType.EC_P256, validity));
      assertTrue(e.getMessage().startsWith("--name: "), e.getMessage());
    }
  }

  @Test
  void clusterRequestsRejectEmptyAndDuplicateNodeLists() {
    CertToolException empty = assertThrows(CertToolException.class,
        () -> ClusterRequest.defaults(List.of(), List.of(), NOW));
    assertEquals("--nodes: give at least one node name", empty.getMessage());
    CertToolException twice = assertThrows(CertToolException.class,
        () -> ClusterRequest.defaults(List.of(NodeName.of("a"), NodeName.of("b"), NodeName.of("a")), List.of(), NOW));
    assertEquals("--nodes: node 'a' is listed twice", twice.getMessage());
  }

  @Test
  void nodeRequestsDropDuplicateHosts() {
    NodeRequest request = NodeRequest.defaults(NodeName.of("a"),
        List.of(Host.parse("127.0.0.1"), Host.parse("127.0.0.1")), NOW);
    assertEquals(List.of(Host.parse("127.0.0.1")), request.hosts());
  }
}
