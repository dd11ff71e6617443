package io.jreign.certtool;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A cluster's certificate authority: its self-signed certificate and private key. Issues node
 * certificates ({@link #issue(NodeRequest)}).
 *
 * <p>Load one from disk with {@link CaDirectory#load}, save it with {@link CaDirectory#write}.
 *
 * @param certificate the CA certificate (CA:true, keyCertSign)
 * @param privateKey the CA's private key, matching the certificate
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
  /**
   * Checks that the key matches the certificate and that the certificate is a CA.
   *
   * @param certificate the CA certificate
   * @param privateKey the CA's private key
   * @throws CertToolException when the key does not match or the certificate is not a CA
   */
  public CertificateAuthority {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    if (certificate.getBasicConstraints() < 0) {
      throw new CertToolException("the certificate " + certificate.getSubjectX500Principal().getName()
          + " is not a CA certificate (no basicConstraints CA:true)");
    }
    if (!Keys.matches(privateKey, certificate.getPublicKey())) {
      throw new CertToolException("the private key does not match the CA certificate");
    }
  }

  /**
   * Makes a new CA: a fresh key and a self-signed certificate.
   *
   * @param request the CA's name, key type and validity
   * @return the CA
   */
  public static CertificateAuthority create(CaRequest request) {
    KeyPair keys = request.keyType().generate();
    X509Certificate certificate = CertificateMaker.selfSignedCa(request.commonName(), keys, request.validity());
    return new CertificateAuthority(certificate, keys.getPrivate());
  }

  /**
   * The CA certificate's validity period.
   *
   * @return notBefore to notAfter
   */
  public Validity validity() {
    return new Validity(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
  }

  /**
   * Checks that the CA certificate is valid at {@code now}.
   *
   * @param now the instant to check at
   * @throws CertToolException naming the date when the CA has expired or is not yet valid
   */
  public void requireValidAt(Instant now) {
    Validity validity = validity();
    if (now.isAfter(validity.notAfter())) {
      throw new CertToolException("the CA certificate expired on " + validity.notAfter());
    }
    if (now.isBefore(validity.notBefore())) {
      throw new CertToolException("the CA certificate is not valid before " + validity.notBefore());
    }
  }

  /**
   * Issues a node certificate with a fresh key. The validity is cut to lie within the CA's.
   *
   * @param request the node's name, hosts, key type and validity
   * @return the node's key, certificate and this CA's certificate
   * @throws CertToolException when the requested validity does not overlap the CA's
   */
  public NodeCredentials issue(NodeRequest request) {
    Validity validity = request.validity().within(validity());
    KeyPair keys = request.keyType().generate();
    X509Certificate node = CertificateMaker.node(request.name(), request.hosts(), keys.getPublic(), certificate,
        privateKey, validity);
    return new NodeCredentials(request.name(), node, keys.getPrivate(), certificate);
  }
}
