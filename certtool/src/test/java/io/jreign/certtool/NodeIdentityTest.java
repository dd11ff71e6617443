package io.jreign.certtool;

import static io.jreign.certtool.OddCertificates.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeIdentityTest {
  private static CertificateAuthority ca;

  @BeforeAll
  static void makeCa() {
    ca = CertificateAuthority.create(CaRequest.defaults(Instant.now()));
  }

  @Test
  void theIdentityIsAJreignNodeUri() {
    assertEquals("jreign://node/app@host-1", NodeIdentity.uri(NodeName.of("app@host-1")));
  }

  @Test
  void readsTheIdentityOfANodeCertificate() {
    X509Certificate node = ca.issue(NodeRequest.defaults(NodeName.of("worker_2.eu"),
        List.of(Host.parse("localhost")), Instant.now())).certificate();
    assertEquals(Optional.of(NodeName.of("worker_2.eu")), NodeIdentity.of(node));
    assertTrue(NodeIdentity.matches(node, NodeName.of("worker_2.eu")));
    assertFalse(NodeIdentity.matches(node, NodeName.of("worker_3")));
  }

  @Test
  void aCaCertificateHasNoIdentity() {
    assertEquals(Optional.empty(), NodeIdentity.of(ca.certificate()));
  }

  @Test
  void noUriSanMeansNoIdentity() throws Exception {
    X509Certificate noSans = OddCertificates.signedBy(ca, "a", parts -> parts.withSans());
    X509Certificate dnsOnly = OddCertificates.signedBy(ca, "a",
        parts -> parts.withSans(new GeneralName(GeneralName.dNSName, "a")));
    X509Certificate otherUri = OddCertificates.signedBy(ca, "a", parts -> parts.withSans(uri("spiffe://x/a")));
    assertEquals(Optional.empty(), NodeIdentity.of(noSans));
    assertEquals(Optional.empty(), NodeIdentity.of(dnsOnly));
    assertEquals(Optional.empty(), NodeIdentity.of(otherUri));
  }

  @Test
  void twoIdentitiesOrABadOneMeanNoIdentity() throws Exception {
    X509Certificate two = OddCertificates.signedBy(ca, "a",
        parts -> parts.withSans(uri("jreign://node/a"), uri("jreign://node/b")));
    X509Certificate badName = OddCertificates.signedBy(ca, "a", parts -> parts.withSans(uri("jreign://node/a/b")));
    X509Certificate wrongPath = OddCertificates.signedBy(ca, "a", parts -> parts.withSans(uri("jreign://host/a")));
    assertEquals(Optional.empty(), NodeIdentity.of(two));
    assertEquals(Optional.empty(), NodeIdentity.of(badName));
    assertEquals(Optional.empty(), NodeIdentity.of(wrongPath));
  }
}
