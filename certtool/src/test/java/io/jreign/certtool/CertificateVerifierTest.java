package io.jreign.certtool;

import static io.jreign.certtool.OddCertificates.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateVerifierTest {
  private static final Instant NOW = Instant.parse("2031-06-01T00:00:00Z");
  private static final NodeName A = NodeName.of("a");
  private static CertificateAuthority ca;
  private static X509Certificate nodeA;

  @BeforeAll
  static void makeCa() {
    ca = CertificateAuthority.create(CaRequest.defaults(NOW));
    nodeA = ca.issue(NodeRequest.defaults(A, List.of(Host.parse("127.0.0.1")), NOW)).certificate();
  }

  private static String failure(X509Certificate certificate, Instant at, Optional<NodeName> expected) {
    Verification result = CertificateVerifier.verifyNode(certificate, ca.certificate(), at, expected);
    assertFalse(result.passed(), () -> "expected a failure, got " + result);
    return result.reason();
  }

  @Test
  void passesAGoodCertificate() {
    Verification result = CertificateVerifier.verifyNode(nodeA, ca.certificate(), NOW, Optional.of(A));
    assertTrue(result.passed());
    assertEquals(new Verification.Passed(A), result);
    assertEquals("ok: node a", result.reason());
    assertTrue(CertificateVerifier.verifyNode(nodeA, ca.certificate(), NOW, Optional.empty()).passed());
  }

  @Test
  void failsAnIdentityMismatch() {
    assertEquals("identity mismatch: the certificate is node 'a', expected 'b'",
        failure(nodeA, NOW, Optional.of(NodeName.of("b"))));
  }

  @Test
  void failsACertificateOfAForeignCa() {
    CertificateAuthority foreign = CertificateAuthority.create(new CaRequest("foreign", KeyType.EC_P256,
        Validity.days(NOW, 10)));
    X509Certificate stranger = foreign.issue(NodeRequest.defaults(A, List.of(), NOW)).certificate();
    assertEquals("not issued by this CA: issuer is 'CN=foreign', the CA is 'CN=jreign cluster CA'",
        failure(stranger, NOW, Optional.of(A)));
  }

  @Test
  void failsACertificateSignedByAnotherKeyWithTheSameCaName() {
    CertificateAuthority impostor = CertificateAuthority.create(CaRequest.defaults(NOW));
    X509Certificate forged = impostor.issue(NodeRequest.defaults(A, List.of(), NOW)).certificate();
    assertTrue(failure(forged, NOW, Optional.of(A)).startsWith("not issued by this CA: the signature does not verify"));
  }

  @Test
  void failsOutsideTheValidityPeriod() {
    Instant later = nodeA.getNotAfter().toInstant().plusSeconds(1);
    assertEquals("the certificate expired on " + nodeA.getNotAfter().toInstant() + " (checked at " + later + ")",
        failure(nodeA, later, Optional.of(A)));
    Instant earlier = nodeA.getNotBefore().toInstant().minusSeconds(1);
    assertTrue(failure(nodeA, earlier, Optional.of(A)).startsWith("the CA certificate is not valid before"));
  }

  @Test
  void failsANodeCertificateNotYetValidWithinAValidCa() {
    CertificateAuthority wide = CertificateAuthority.create(new CaRequest("wide", KeyType.EC_P256,
        new Validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(10)))));
    X509Certificate future = wide.issue(new NodeRequest(A, List.of(), KeyType.EC_P256,
        new Validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2))))).certificate();
    Verification result = CertificateVerifier.verifyNode(future, wide.certificate(), NOW, Optional.of(A));
    assertTrue(result.reason().startsWith("the certificate is not valid before"), result.reason());
  }

  @Test
  void failsWhenTheCaHasExpired() {
    Instant later = ca.certificate().getNotAfter().toInstant().plusSeconds(1);
    assertTrue(failure(nodeA, later, Optional.of(A)).startsWith("the CA certificate expired on"));
  }

  @Test
  void failsWhenTheCaIsNoCa() {
    Verification result = CertificateVerifier.verifyNode(nodeA, nodeA, NOW, Optional.of(A));
    assertEquals("the CA certificate CN=a is not a CA", result.reason());
  }

  @Test
  void failsTheCaCertificateItself() {
    assertEquals("the certificate is the CA certificate itself, not a node certificate",
        failure(ca.certificate(), NOW, Optional.empty()));
  }

  @Test
  void failsACaCertificateUsedAsANode() throws Exception {
    X509Certificate subCa = OddCertificates.signedBy(ca, "a", OddCertificates.Parts::asCa);
    assertEquals("the certificate is a CA certificate, not a node certificate", failure(subCa, NOW, Optional.empty()));
  }

  @Test
  void failsAnUnknownCriticalExtension() throws Exception {
    X509Certificate odd = OddCertificates.signedBy(ca, "a", OddCertificates.Parts::withUnknownCriticalExtension);
    assertEquals("the certificate has an unknown critical extension 1.3.6.1.4.1.99999.1",
        failure(odd, NOW, Optional.empty()));
  }

  @Test
  void failsMissingKeyUsage() throws Exception {
    X509Certificate none = OddCertificates.signedBy(ca, "a", parts -> parts.withKeyUsage(0));
    X509Certificate wrong = OddCertificates.signedBy(ca, "a", parts -> parts.withKeyUsage(KeyUsage.keyAgreement));
    assertEquals("the key usage lacks digitalSignature", failure(none, NOW, Optional.empty()));
    assertEquals("the key usage lacks digitalSignature", failure(wrong, NOW, Optional.empty()));
  }

  @Test
  void failsMissingExtendedKeyUsage() throws Exception {
    X509Certificate serverOnly = OddCertificates.signedBy(ca, "a",
        parts -> parts.withPurposes(KeyPurposeId.id_kp_serverAuth));
    X509Certificate clientOnly = OddCertificates.signedBy(ca, "a",
        parts -> parts.withPurposes(KeyPurposeId.id_kp_clientAuth));
    X509Certificate none = OddCertificates.signedBy(ca, "a", parts -> parts.withPurposes());
    assertEquals("the extended key usage lacks clientAuth (TLS client authentication)",
        failure(serverOnly, NOW, Optional.empty()));
    assertEquals("the extended key usage lacks serverAuth (TLS server authentication)",
        failure(clientOnly, NOW, Optional.empty()));
    assertEquals("the extended key usage lacks serverAuth (TLS server authentication)",
        failure(none, NOW, Optional.empty()));
  }

  @Test
  void failsMissingOrAmbiguousIdentity() throws Exception {
    X509Certificate none = OddCertificates.signedBy(ca, "a", parts -> parts.withSans());
    X509Certificate two = OddCertificates.signedBy(ca, "a",
        parts -> parts.withSans(uri("jreign://node/a"), uri("jreign://node/b")));
    X509Certificate bad = OddCertificates.signedBy(ca, "a", parts -> parts.withSans(uri("jreign://node/-x")));
    assertEquals("the certificate has no node identity (no jreign://node/NAME URI subjectAltName)",
        failure(none, NOW, Optional.empty()));
    assertEquals("the certificate has several node identities: jreign://node/a, jreign://node/b",
        failure(two, NOW, Optional.empty()));
    assertTrue(failure(bad, NOW, Optional.empty()).startsWith("the identity URI 'jreign://node/-x' does not name"));
  }

  @Test
  void failsACommonNameThatDiffersFromTheIdentity() throws Exception {
    X509Certificate odd = OddCertificates.signedBy(ca, "a", parts -> parts.withCommonName("b"));
    assertEquals("the subject CN 'b' differs from the identity 'a'", failure(odd, NOW, Optional.of(A)));
  }

  @Test
  void checkIdentityAloneIgnoresTheChain() {
    CertificateAuthority foreign = CertificateAuthority.create(CaRequest.defaults(NOW));
    X509Certificate stranger = foreign.issue(NodeRequest.defaults(A, List.of(), NOW)).certificate();
    assertTrue(CertificateVerifier.checkIdentity(stranger, Optional.of(A)).passed());
    assertFalse(CertificateVerifier.checkIdentity(stranger, Optional.of(NodeName.of("b"))).passed());
  }
}
