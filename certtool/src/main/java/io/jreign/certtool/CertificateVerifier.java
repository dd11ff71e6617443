package io.jreign.certtool;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a node certificate against the cluster CA, offline, with one clear reason on failure.
 *
 * <p>{@link #verifyNode} checks, in this order:
 * <ol>
 *   <li>the CA certificate is a CA (basicConstraints CA:true, keyCertSign when keyUsage is present)
 *       and valid at the given instant;
 *   <li>the chain: the certificate's issuer is the CA's subject and its signature verifies with
 *       the CA's public key;
 *   <li>the certificate's validity period contains the instant;
 *   <li>it is an end-entity certificate with no unknown critical extension;
 *   <li>key usage: keyUsage has digitalSignature, extendedKeyUsage has both serverAuth and
 *       clientAuth;
 *   <li>identity: exactly one {@code jreign://node/NAME} URI SAN with a valid name
 *       ({@link NodeIdentity}), a subject CN equal to that name, and, when an expected node is
 *       given, that node.
 * </ol>
 */
public final class CertificateVerifier {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;
  private static final Set<String> KNOWN_CRITICAL = Set.of(
      "2.5.29.15", // keyUsage
      "2.5.29.17", // subjectAltName
      "2.5.29.19", // basicConstraints
      "2.5.29.37"); // extKeyUsage

  private CertificateVerifier() {}

  /**
   * Verifies a node certificate.
   *
   * @param certificate the node certificate
   * @param caCertificate the cluster's CA certificate, the only trust anchor
   * @param at the instant both certificates must be valid at (usually now)
   * @param expected the node the certificate must belong to, or empty to accept any valid identity
   * @return {@link Verification.Passed} with the node's identity, or {@link Verification.Failed}
   *     with the first check that failed
   */
  public static Verification verifyNode(X509Certificate certificate, X509Certificate caCertificate, Instant at,
      Optional<NodeName> expected) {
    Optional<String> failure = checkCa(caCertificate, at)
        .or(() -> checkChain(certificate, caCertificate))
        .or(() -> checkDates("certificate", certificate, at))
        .or(() -> checkEndEntity(certificate))
        .or(() -> checkUsage(certificate));
    if (failure.isPresent()) {
      return new Verification.Failed(failure.get());
    }
    return checkIdentity(certificate, expected);
  }

  /**
   * Checks only the identity of a certificate whose chain and dates are already verified, e.g. by
   * a TLS handshake that trusted only the cluster CA.
   *
   * @param certificate the peer's node certificate
   * @param expected the node the peer should be, or empty to accept any valid identity
   * @return passed with the identity, or failed saying how the identity is missing or differs
   */
  public static Verification checkIdentity(X509Certificate certificate, Optional<NodeName> expected) {
    List<String> uris = NodeIdentity.identityUris(certificate);
    if (uris.isEmpty()) {
      return new Verification.Failed("the certificate has no node identity (no " + NodeIdentity.URI_PREFIX
          + "NAME URI subjectAltName)");
    }
    if (uris.size() > 1) {
      return new Verification.Failed("the certificate has several node identities: " + String.join(", ", uris));
    }
    Optional<NodeName> identity = NodeIdentity.of(certificate);
    if (identity.isEmpty()) {
      return new Verification.Failed("the identity URI '" + uris.getFirst() + "' does not name a valid node ("
          + NodeName.RULE + ")");
    }
    NodeName name = identity.get();
    Optional<String> cn = Names.subjectCommonName(certificate);
    if (cn.isEmpty() || !cn.get().equals(name.value())) {
      return new Verification.Failed("the subject CN '" + cn.orElse("") + "' differs from the identity '" + name + "'");
    }
    if (expected.isPresent() && !expected.get().equals(name)) {
      return new Verification.Failed("identity mismatch: the certificate is node '" + name + "', expected '"
          + expected.get() + "'");
    }
    return new Verification.Passed(name);
  }

  private static Optional<String> checkCa(X509Certificate ca, Instant at) {
    if (ca.getBasicConstraints() < 0) {
      return Optional.of("the CA certificate " + Names.text(ca.getSubjectX500Principal()) + " is not a CA");
    }
    boolean[] usage = ca.getKeyUsage();
    if (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN])) {
      return Optional.of("the CA certificate's key usage lacks keyCertSign");
    }
    return checkDates("CA certificate", ca, at);
  }

  private static Optional<String> checkChain(X509Certificate certificate, X509Certificate ca) {
    if (certificate.equals(ca)) {
      return Optional.of("the certificate is the CA certificate itself, not a node certificate");
    }
    if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return Optional.of("not issued by this CA: issuer is '" + Names.text(certificate.getIssuerX500Principal())
          + "', the CA is '" + Names.text(ca.getSubjectX500Principal()) + "'");
    }
    try {
      certificate.verify(ca.getPublicKey());
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.of("not issued by this CA: the signature does not verify with the CA's key ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static Optional<String> checkDates(String what, X509Certificate certificate, Instant at) {
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    if (at.isAfter(notAfter)) {
      return Optional.of("the " + what + " expired on " + notAfter + " (checked at " + at + ")");
    }
    if (at.isBefore(notBefore)) {
      return Optional.of("the " + what + " is not valid before " + notBefore + " (checked at " + at + ")");
    }
    return Optional.empty();
  }

  private static Optional<String> checkEndEntity(X509Certificate certificate) {
    if (certificate.getBasicConstraints() >= 0) {
      return Optional.of("the certificate is a CA certificate, not a node certificate");
    }
    Set<String> critical = certificate.getCriticalExtensionOIDs();
    if (critical != null) {
      for (String oid : critical) {
        if (!KNOWN_CRITICAL.contains(oid)) {
          return Optional.of("the certificate has an unknown critical extension " + oid);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> checkUsage(X509Certificate certificate) {
    boolean[] usage = certificate.getKeyUsage();
    if (usage == null || usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE]) {
      return Optional.of("the key usage lacks digitalSignature");
    }
    List<String> extended;
    try {
      extended = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return Optional.of("the extended key usage cannot be parsed");
    }
    if (extended == null || !extended.contains(SERVER_AUTH)) {
      return Optional.of("the extended key usage lacks serverAuth (TLS server authentication)");
    }
    if (!extended.contains(CLIENT_AUTH)) {
      return Optional.of("the extended key usage lacks clientAuth (TLS client authentication)");
    }
    return Optional.empty();
  }
}
