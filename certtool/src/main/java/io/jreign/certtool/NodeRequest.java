package io.jreign.certtool;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a new node certificate should look like.
 *
 * @param name the node; goes into the subject CN and the identity SAN ({@link NodeIdentity})
 * @param hosts DNS names and IP addresses to add as SANs, possibly none
 * @param keyType the node key's algorithm
 * @param validity the wanted validity period; the CA cuts it to its own ({@link Validity#within})
 */
public record NodeRequest(NodeName name, List<Host> hosts, KeyType keyType, Validity validity) {
  /** A node certificate's lifetime when none is given: one year. */
  public static final int DEFAULT_DAYS = 365;

  /**
   * Checks the request and copies the host list.
   *
   * @param name the node
   * @param hosts DNS names and IP addresses to add as SANs, possibly none
   * @param keyType the node key's algorithm
   * @param validity the wanted validity period
   */
  public NodeRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(validity, "validity");
    hosts = List.copyOf(hosts.stream().distinct().toList());
  }

  /**
   * An EC P-256 node certificate for {@code name} and {@code hosts}, valid for
   * {@value #DEFAULT_DAYS} days from {@code now}.
   *
   * @param name the node
   * @param hosts DNS names and IP addresses, possibly none
   * @param now the current instant
   * @return the request
   */
  public static NodeRequest defaults(NodeName name, List<Host> hosts, Instant now) {
    return new NodeRequest(name, hosts, KeyType.EC_P256, Validity.days(now, DEFAULT_DAYS));
  }
}
