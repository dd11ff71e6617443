package io.jreign.certtool;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a node certificate carries the node's identity, and how to read it back.
 *
 * <p><b>The identity field.</b> A node certificate made by certtool for node {@code NAME} has
 * <ul>
 *   <li>a subjectAltName entry of type uniformResourceIdentifier (GeneralName tag 6) equal to
 *       {@code jreign://node/NAME} — this is the field the cluster checks; and
 *   <li>the subject {@code CN=NAME}, for people and for tools that only show the subject.
 * </ul>
 * {@code NAME} follows {@link NodeName#RULE}, so it needs no escaping in the URI.
 *
 * <p>The cluster module calls {@link #of(X509Certificate)} on the peer certificate after a TLS
 * handshake and compares the result with the node it expected to reach.
 */
public final class NodeIdentity {
  /** The scheme of identity URIs. */
  public static final String SCHEME = "jreign";

  /** Every identity URI starts with this; the node name follows. */
  public static final String URI_PREFIX = SCHEME + "://node/";

  /** The subjectAltName type of the identity: uniformResourceIdentifier. */
  public static final int SAN_TYPE_URI = 6;

  private NodeIdentity() {}

  /**
   * The identity URI for a node.
   *
   * @param name the node
   * @return {@code jreign://node/NAME}
   */
  public static String uri(NodeName name) {
    return URI_PREFIX + name.value();
  }

  /**
   * Reads the node identity out of a certificate: the name in its single
   * {@code jreign://node/NAME} URI subjectAltName.
   *
   * <p>This checks nothing else (not the chain, the dates nor the subject CN): use it on a
   * certificate that TLS or {@link CertificateVerifier} has already verified.
   *
   * @param certificate a node certificate
   * @return the node name, or empty when the certificate has no {@code jreign://} URI SAN, has
   *     more than one, or has one whose name is not a valid {@link NodeName}
   */
  public static Optional<NodeName> of(X509Certificate certificate) {
    List<String> uris = identityUris(certificate);
    if (uris.size() != 1) {
      return Optional.empty();
    }
    String name = uris.getFirst().substring(URI_PREFIX.length());
    return NodeName.isValid(name) && uris.getFirst().startsWith(URI_PREFIX)
        ? Optional.of(new NodeName(name)) : Optional.empty();
  }

  /**
   * Tells whether a certificate carries exactly the identity of {@code expected}.
   *
   * @param certificate a node certificate
   * @param expected the node it should belong to
   * @return true when {@link #of(X509Certificate)} is {@code expected}
   */
  public static boolean matches(X509Certificate certificate, NodeName expected) {
    return of(certificate).filter(expected::equals).isPresent();
  }

  /** Every URI SAN of the certificate whose scheme is {@code jreign}, in order. */
  static List<String> identityUris(X509Certificate certificate) {
    List<String> uris = new ArrayList<>();
    Collection<List<?>> sans;
    try {
      sans = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return uris;
    }
    if (sans == null) {
      return uris;
    }
    for (List<?> san : sans) {
      if (san.size() >= 2 && Integer.valueOf(SAN_TYPE_URI).equals(san.get(0)) && san.get(1) instanceof String uri
          && uri.regionMatches(true, 0, SCHEME + ":", 0, SCHEME.length() + 1)) {
        uris.add(uri);
      }
    }
    return uris;
  }
}
