package io.jreign.certtool;

import java.time.Instant;
import java.util.Objects;

/**
 * What a new certificate authority should look like.
 *
 * @param commonName the CA's subject CN, 1 to 64 characters
 * @param keyType the CA key's algorithm
 * @param validity the CA certificate's validity period
 */
public record CaRequest(String commonName, KeyType keyType, Validity validity) {
  /** The CN used when none is given. */
  public static final String DEFAULT_NAME = "jreign cluster CA";

  /** The CA's lifetime when none is given: ten years. */
  public static final int DEFAULT_DAYS = 3650;

  /**
   * Checks the request.
   *
   * @param commonName the CA's subject CN, 1 to 64 characters
   * @param keyType the CA key's algorithm
   * @param validity the CA certificate's validity period
   * @throws CertToolException when the name is blank or longer than 64 characters
   */
  public CaRequest {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(validity, "validity");
    if (commonName == null || commonName.isBlank() || commonName.length() > 64
        || commonName.chars().anyMatch(Character::isISOControl)) {
      throw new CertToolException("--name: the CA name must be 1 to 64 printable characters, not '" + commonName + "'");
    }
  }

  /**
   * The defaults: {@value #DEFAULT_NAME}, EC P-256, {@value #DEFAULT_DAYS} days from {@code now}.
   *
   * @param now the current instant
   * @return the request
   */
  public static CaRequest defaults(Instant now) {
    return new CaRequest(DEFAULT_NAME, KeyType.EC_P256, Validity.days(now, DEFAULT_DAYS));
  }
}
