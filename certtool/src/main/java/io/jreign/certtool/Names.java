package io.jreign.certtool;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Reading distinguished names. */
final class Names {
  private Names() {}

  /** The subject's (first) CN, if any. */
  static Optional<String> subjectCommonName(X509Certificate certificate) {
    return commonName(certificate.getSubjectX500Principal());
  }

  static Optional<String> commonName(X500Principal principal) {
    X500Name name = X500Name.getInstance(principal.getEncoded());
    return Arrays.stream(name.getRDNs(BCStyle.CN)).findFirst()
        .map(RDN::getFirst).map(attribute -> IETFUtils.valueToString(attribute.getValue()));
  }

  /** The name as RFC 4514 text, e.g. {@code CN=jreign cluster CA}. */
  static String text(X500Principal principal) {
    return principal.getName(X500Principal.RFC2253);
  }
}
