package io.jreign.certtool;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A node's key and certificate, with the certificate of the CA that signed it.
 *
 * @param name the node
 * @param certificate the node certificate
 * @param privateKey the node's private key
 * @param caCertificate the CA certificate, the trust anchor for the cluster
 */
public record NodeCredentials(NodeName name, X509Certificate certificate, PrivateKey privateKey,
    X509Certificate caCertificate) {
  /**
   * Checks that no part is missing.
   *
   * @param name the node
   * @param certificate the node certificate
   * @param privateKey the node's private key
   * @param caCertificate the CA certificate
   */
  public NodeCredentials {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(caCertificate, "caCertificate");
  }
}
