package io.jreign.certtool;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code certtool inspect} shows about a certificate.
 *
 * @param subject the subject DN (RFC 4514)
 * @param issuer the issuer DN (RFC 4514)
 * @param serial the serial number in hex
 * @param validity the validity period
 * @param keyType e.g. {@code EC P-256}, {@code Ed25519}, {@code RSA 3072}
 * @param signatureAlgorithm e.g. {@code SHA256withECDSA}
 * @param subjectAltNames SANs as {@code DNS:x}, {@code IP:x}, {@code URI:x}
 * @param keyUsage keyUsage bits by name, e.g. {@code digitalSignature}
 * @param extendedKeyUsage purposes by name, e.g. {@code serverAuth}
 * @param ca whether the certificate is a CA (basicConstraints CA:true)
 * @param identity the node identity ({@link NodeIdentity}), if any
 * @param sha256 the SHA-256 fingerprint, colon-separated hex
 */
public record CertificateSummary(String subject, String issuer, String serial, Validity validity, String keyType,
    String signatureAlgorithm, List<String> subjectAltNames, List<String> keyUsage, List<String> extendedKeyUsage,
    boolean ca, Optional<NodeName> identity, String sha256) {
  private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
      "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
  private static final Map<String, String> PURPOSES = Map.of(
      "1.3.6.1.5.5.7.3.1", "serverAuth", "1.3.6.1.5.5.7.3.2", "clientAuth", "1.3.6.1.5.5.7.3.3", "codeSigning",
      "1.3.6.1.5.5.7.3.4", "emailProtection", "1.3.6.1.5.5.7.3.8", "timeStamping", "1.3.6.1.5.5.7.3.9", "OCSPSigning",
      "2.5.29.37.0", "anyExtendedKeyUsage");
  private static final Map<Integer, String> SAN_TYPES = Map.of(0, "otherName", 1, "email", 2, "DNS", 4, "DirName",
      6, "URI", 7, "IP", 8, "RID");

  /**
   * Copies the lists.
   *
   * @param subject the subject DN
   * @param issuer the issuer DN
   * @param serial the serial number in hex
   * @param validity the validity period
   * @param keyType the key's description
   * @param signatureAlgorithm the signature algorithm
   * @param subjectAltNames the SANs
   * @param keyUsage the keyUsage bits
   * @param extendedKeyUsage the extended key usages
   * @param ca whether it is a CA
   * @param identity the node identity, if any
   * @param sha256 the SHA-256 fingerprint
   */
  public CertificateSummary {
    subjectAltNames = List.copyOf(subjectAltNames);
    keyUsage = List.copyOf(keyUsage);
    extendedKeyUsage = List.copyOf(extendedKeyUsage);
  }

  /**
   * Summarises a certificate.
   *
   * @param certificate the certificate
   * @return the summary
   */
  public static CertificateSummary of(X509Certificate certificate) {
    return new CertificateSummary(Names.text(certificate.getSubjectX500Principal()),
        Names.text(certificate.getIssuerX500Principal()), certificate.getSerialNumber().toString(16),
        new Validity(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()),
        KeyType.describe(certificate.getPublicKey()), certificate.getSigAlgName(), sans(certificate),
        keyUsage(certificate), extendedKeyUsage(certificate), certificate.getBasicConstraints() >= 0,
        NodeIdentity.of(certificate), fingerprint(certificate));
  }

  /**
   * The summary as aligned {@code label: value} lines, ending with a newline.
   *
   * @param now the instant the status line (valid, expired, not yet valid) refers to
   * @return the text
   */
  public String format(Instant now) {
    String status = validity.contains(now) ? "valid now"
        : now.isAfter(validity.notAfter()) ? "EXPIRED" : "NOT YET VALID";
    StringBuilder text = new StringBuilder();
    line(text, "Subject", subject);
    line(text, "Issuer", issuer + (subject.equals(issuer) ? " (self-signed)" : ""));
    line(text, "Type", ca ? "CA certificate" : "end-entity certificate");
    line(text, "Node identity", identity.map(name -> name + " (" + NodeIdentity.uri(name) + ")").orElse("none"));
    line(text, "Subject alt names", subjectAltNames.isEmpty() ? "none" : String.join(", ", subjectAltNames));
    line(text, "Not before", validity.notBefore().toString());
    line(text, "Not after", validity.notAfter() + " (" + status + ")");
    line(text, "Key", keyType);
    line(text, "Signature", signatureAlgorithm);
    line(text, "Key usage", keyUsage.isEmpty() ? "none" : String.join(", ", keyUsage));
    line(text, "Extended key usage", extendedKeyUsage.isEmpty() ? "none" : String.join(", ", extendedKeyUsage));
    line(text, "Serial", serial);
    line(text, "SHA-256", sha256);
    return text.toString();
  }

  private static void line(StringBuilder text, String label, String value) {
    text.append(String.format("%-19s %s%n", label + ":", value));
  }

  private static List<String> sans(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans;
    try {
      sans = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of("(unparseable)");
    }
    if (sans != null) {
      for (List<?> san : sans) {
        Object value = san.get(1);
        String type = SAN_TYPES.getOrDefault((Integer) san.get(0), "type" + san.get(0));
        names.add(type + ":" + (value instanceof String text ? text : HexFormat.of().formatHex((byte[]) value)));
      }
    }
    return names;
  }

  private static List<String> keyUsage(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    boolean[] bits = certificate.getKeyUsage();
    if (bits != null) {
      for (int i = 0; i < bits.length && i < KEY_USAGE_NAMES.length; i++) {
        if (bits[i]) {
          names.add(KEY_USAGE_NAMES[i]);
        }
      }
    }
    return names;
  }

  private static List<String> extendedKeyUsage(X509Certificate certificate) {
    try {
      List<String> oids = certificate.getExtendedKeyUsage();
      return oids == null ? List.of() : oids.stream().map(oid -> PURPOSES.getOrDefault(oid, oid)).toList();
    } catch (CertificateParsingException e) {
      return List.of("(unparseable)");
    }
  }

  private static String fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint the certificate", e);
    }
  }
}
