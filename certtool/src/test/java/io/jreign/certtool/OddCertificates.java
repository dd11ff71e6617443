package io.jreign.certtool;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates certtool would never make, signed by a real CA, to exercise the verifier. */
final class OddCertificates {
  private OddCertificates() {}

  /** Extension sets to start from and change. */
  record Parts(String commonName, GeneralName[] sans, int keyUsage, KeyPurposeId[] purposes, boolean ca,
      boolean unknownCritical) {
    static Parts normal(String name) {
      return new Parts(name, new GeneralName[] {new GeneralName(GeneralName.uniformResourceIdentifier,
          NodeIdentity.URI_PREFIX + name)}, KeyUsage.digitalSignature,
          new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}, false, false);
    }

    Parts withCommonName(String value) {
      return new Parts(value, sans, keyUsage, purposes, ca, unknownCritical);
    }

    Parts withSans(GeneralName... value) {
      return new Parts(commonName, value, keyUsage, purposes, ca, unknownCritical);
    }

    Parts withKeyUsage(int value) {
      return new Parts(commonName, sans, value, purposes, ca, unknownCritical);
    }

    Parts withPurposes(KeyPurposeId... value) {
      return new Parts(commonName, sans, keyUsage, value, ca, unknownCritical);
    }

    Parts asCa() {
      return new Parts(commonName, sans, keyUsage, purposes, true, unknownCritical);
    }

    Parts withUnknownCriticalExtension() {
      return new Parts(commonName, sans, keyUsage, purposes, ca, true);
    }
  }

  static GeneralName uri(String value) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, value);
  }

  /** A node-like certificate for {@code name}, changed by {@code change}, signed by {@code ca}. */
  static X509Certificate signedBy(CertificateAuthority ca, String name, UnaryOperator<Parts> change) throws Exception {
    Parts parts = change.apply(Parts.normal(name));
    KeyPair keys = KeyType.EC_P256.generate();
    Validity validity = ca.validity();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), BigInteger.valueOf(42),
        Date.from(validity.notBefore()), Date.from(validity.notAfter()),
        CertificateMaker.commonName(parts.commonName()), keys.getPublic())
        .addExtension(Extension.basicConstraints, true, parts.ca() ? new BasicConstraints(0) : new BasicConstraints(false));
    if (parts.keyUsage() != 0) {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(parts.keyUsage()));
    }
    if (parts.purposes().length > 0) {
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(parts.purposes()));
    }
    if (parts.sans().length > 0) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(parts.sans()));
    }
    if (parts.unknownCritical()) {
      builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, DERNull.INSTANCE);
    }
    return new JcaX509CertificateConverter().getCertificate(builder.build(
        new JcaContentSignerBuilder(KeyType.of(ca.privateKey()).signatureAlgorithm()).build(ca.privateKey())));
  }
}
