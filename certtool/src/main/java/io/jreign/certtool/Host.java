package io.jreign.certtool;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host a node certificate is valid for: a DNS name or an IP address, written into the
 * certificate as a subjectAltName of type dNSName or iPAddress.
 *
 * @param value the DNS name (lower case) or the IP address in its canonical text form
 * @param kind whether {@code value} is a DNS name or an IP address
 */
public record Host(String value, Kind kind) {
  /** The two kinds of host SAN. */
  public enum Kind {
    /** A DNS name such as {@code node1.example.com} or {@code localhost}. */
    DNS,
    /** An IPv4 or IPv6 address. */
    IP
  }

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4ISH = Pattern.compile("[0-9.]+");
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

  /**
   * Parses a host: an IPv4 address ({@code 127.0.0.1}), an IPv6 address ({@code ::1}, with or
   * without brackets) or a DNS name (labels of letters, digits and inner hyphens, at most 253
   * characters in all; a leading {@code *.} wildcard label is allowed).
   *
   * @param text what the user gave
   * @return the host
   * @throws CertToolException when {@code text} is neither an IP address nor a DNS name
   */
  public static Host parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    String literal = trimmed.startsWith("[") && trimmed.endsWith("]")
        ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    if (IPV4ISH.matcher(literal).matches()) {
      if (!IPV4.matcher(literal).matches()) {
        throw invalid(text);
      }
      return new Host(literal, Kind.IP);
    }
    if (literal.contains(":")) {
      if (literal.contains("%")) {
        throw invalid(text);
      }
      try {
        return new Host(InetAddress.ofLiteral(literal).getHostAddress(), Kind.IP);
      } catch (IllegalArgumentException e) {
        throw invalid(text);
      }
    }
    String name = trimmed.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.length() > 253) {
      throw invalid(text);
    }
    String[] labels = name.split("\\.", -1);
    for (int i = 0; i < labels.length; i++) {
      boolean wildcard = i == 0 && labels.length > 2 && labels[i].equals("*");
      if (!wildcard && !LABEL.matcher(labels[i]).matches()) {
        throw invalid(text);
      }
    }
    return new Host(name, Kind.DNS);
  }

  private static CertToolException invalid(String text) {
    return new CertToolException("'" + text + "' is neither a DNS name nor an IP address");
  }

  @Override
  public String toString() {
    return (kind == Kind.IP ? "IP:" : "DNS:") + value;
  }
}
