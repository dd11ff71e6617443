package io.jreign.certtool;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds and signs X.509 v3 certificates with BouncyCastle's builders and the JDK's providers. */
final class CertificateMaker {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateMaker() {}

  /** A self-signed CA: CA:true with path length 0, keyCertSign and cRLSign. */
  static X509Certificate selfSignedCa(String commonName, KeyPair keys, Validity validity) {
    X500Name subject = commonName(commonName);
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
          Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false,
              utils.createAuthorityKeyIdentifier(keys.getPublic()));
      return sign(builder, keys.getPrivate());
    } catch (CertIOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }

  /**
   * A node certificate: CN and a {@code jreign://node/NAME} URI SAN, the hosts as DNS/IP SANs,
   * CA:false, digitalSignature (and keyEncipherment for RSA), EKU serverAuth and clientAuth.
   */
  static X509Certificate node(NodeName name, List<Host> hosts, PublicKey nodeKey, X509Certificate caCertificate,
      PrivateKey caKey, Validity validity) {
    List<GeneralName> sans = new ArrayList<>();
    sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, NodeIdentity.uri(name)));
    for (Host host : hosts) {
      int tag = host.kind() == Host.Kind.IP ? GeneralName.iPAddress : GeneralName.dNSName;
      sans.add(new GeneralName(tag, host.value()));
    }
    int usage = KeyUsage.digitalSignature;
    if (KeyType.of(nodeKey) == KeyType.RSA_3072) {
      usage |= KeyUsage.keyEncipherment;
    }
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(),
          Date.from(validity.notBefore()), Date.from(validity.notAfter()), commonName(name.value()), nodeKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(sans.toArray(GeneralName[]::new)))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(nodeKey))
          .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCertificate));
      return sign(builder, caKey);
    } catch (CertIOException | NoSuchAlgorithmException | CertificateException e) {
      throw new IllegalStateException("cannot build the certificate for node " + name, e);
    }
  }

  /** {@code CN=value}, built attribute by attribute so that commas and the like stay literal. */
  static X500Name commonName(String value) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, value).build();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(KeyType.of(signingKey).signatureAlgorithm()).build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("cannot sign the certificate", e);
    }
  }

  /** A positive random serial number of at most 159 bits, never zero (RFC 5280 §4.1.2.2). */
  private static BigInteger serial() {
    BigInteger serial;
    do {
      serial = new BigInteger(159, RANDOM);
    } while (serial.signum() == 0);
    return serial;
  }
}
