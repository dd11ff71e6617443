package io.jreign.certtool;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The key algorithms certtool generates. Keys come from the JDK's own providers.
 *
 * <p>With Netty, {@link #EC_P256} and {@link #RSA_3072} work for TLS 1.3 with both the JDK and the
 * OpenSSL (BoringSSL) provider. {@link #ED25519} works with the JDK provider only: Netty's OpenSSL
 * provider loads Ed25519 files but cannot complete a handshake with them (as a server it finds no
 * key material for Ed25519; as a client no common signature scheme is found).
 */
public enum KeyType {
  /** ECDSA on NIST P-256 (secp256r1), signed with SHA-256. The default. */
  EC_P256("ec-p256", "SHA256withECDSA"),
  /** Ed25519 (RFC 8410). */
  ED25519("ed25519", "Ed25519"),
  /** RSA with a 3072-bit modulus, signed with SHA-256 (PKCS#1 v1.5). */
  RSA_3072("rsa-3072", "SHA256withRSA");

  private final String cliName;
  private final String signatureAlgorithm;

  KeyType(String cliName, String signatureAlgorithm) {
    this.cliName = cliName;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /**
   * The name used on the command line ({@code ec-p256}, {@code ed25519}, {@code rsa-3072}).
   *
   * @return the command-line name
   */
  public String cliName() {
    return cliName;
  }

  /**
   * The JCA signature algorithm a key of this type signs certificates with.
   *
   * @return e.g. {@code SHA256withECDSA}
   */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /**
   * Looks a key type up by its command-line name, ignoring case.
   *
   * @param name e.g. {@code ed25519}
   * @return the key type
   * @throws CertToolException naming the accepted values when {@code name} is none of them
   */
  public static KeyType fromCliName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (KeyType type : values()) {
      if (type.cliName.equals(wanted)) {
        return type;
      }
    }
    throw new CertToolException("unknown key type '" + name + "' (expected one of " + cliNames() + ")");
  }

  /**
   * The accepted command-line names, comma-separated.
   *
   * @return {@code ec-p256, ed25519, rsa-3072}
   */
  public static String cliNames() {
    return Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(", "));
  }

  /**
   * Generates a fresh key pair of this type.
   *
   * @return the key pair
   */
  public KeyPair generate() {
    try {
      KeyPairGenerator generator;
      switch (this) {
        case EC_P256 -> {
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519");
        case RSA_3072 -> {
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(3072);
        }
        default -> throw new IllegalStateException("unhandled key type " + this);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + cliName + " keys", e);
    }
  }

  /**
   * Recognises the type of an existing key. An RSA key of any size is reported as
   * {@link #RSA_3072}, whose signature algorithm suits it.
   *
   * @param key a public or private key
   * @return the key type
   * @throws CertToolException when the key is of none of the supported types
   */
  public static KeyType of(Key key) {
    String algorithm = key.getAlgorithm();
    if (key instanceof ECKey ec) {
      if (ec.getParams() != null && ec.getParams().getCurve().getField().getFieldSize() == 256) {
        return EC_P256;
      }
    } else if (key instanceof RSAKey) {
      return RSA_3072;
    } else if ("Ed25519".equalsIgnoreCase(algorithm) || "EdDSA".equalsIgnoreCase(algorithm)) {
      return ED25519;
    }
    throw new CertToolException("unsupported key algorithm " + algorithm + " (supported: " + cliNames() + ")");
  }

  /**
   * Describes a key for people: {@code EC P-256}, {@code Ed25519} or {@code RSA 2048}.
   *
   * @param key a public or private key
   * @return the description, naming the RSA modulus size
   */
  public static String describe(Key key) {
    if (key instanceof RSAKey rsa) {
      return "RSA " + rsa.getModulus().bitLength();
    }
    if (key instanceof ECKey ec && ec.getParams() != null) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits == 256 ? "EC P-256" : "EC " + bits + "-bit";
    }
    if ("EdDSA".equalsIgnoreCase(key.getAlgorithm()) || "Ed25519".equalsIgnoreCase(key.getAlgorithm())) {
      return "Ed25519";
    }
    return key.getAlgorithm();
  }
}
