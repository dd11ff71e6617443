package io.jreign.certtool;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link ClusterCredentials#generate} should make: a CA and one certificate per node.
 *
 * @param nodes the nodes, at least one, no name twice
 * @param hosts DNS names and IP addresses every node certificate gets as SANs, possibly none
 * @param ca the CA's name, key type and validity
 * @param nodeKeyType the node keys' algorithm
 * @param nodeValidity the node certificates' validity, cut to the CA's
 */
public record ClusterRequest(List<NodeName> nodes, List<Host> hosts, CaRequest ca, KeyType nodeKeyType,
    Validity nodeValidity) {
  /**
   * Checks the node list and copies the lists.
   *
   * @param nodes the nodes
   * @param hosts the hosts
   * @param ca the CA request
   * @param nodeKeyType the node keys' algorithm
   * @param nodeValidity the node certificates' validity
   * @throws CertToolException naming {@code --nodes} when the list is empty or names a node twice
   */
  public ClusterRequest {
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(nodeKeyType, "nodeKeyType");
    Objects.requireNonNull(nodeValidity, "nodeValidity");
    if (nodes.isEmpty()) {
      throw new CertToolException("--nodes: give at least one node name");
    }
    Set<NodeName> seen = new HashSet<>();
    for (NodeName node : nodes) {
      if (!seen.add(node)) {
        throw new CertToolException("--nodes: node '" + node + "' is listed twice");
      }
    }
    nodes = List.copyOf(nodes);
    hosts = List.copyOf(hosts);
  }

  /**
   * A cluster with the defaults: EC P-256 keys, the CA valid {@value CaRequest#DEFAULT_DAYS} days
   * and the nodes {@value NodeRequest#DEFAULT_DAYS} days from {@code now}.
   *
   * @param nodes the nodes
   * @param hosts the hosts every node certificate gets
   * @param now the current instant
   * @return the request
   */
  public static ClusterRequest defaults(List<NodeName> nodes, List<Host> hosts, Instant now) {
    return new ClusterRequest(nodes, hosts, CaRequest.defaults(now), KeyType.EC_P256,
        Validity.days(now, NodeRequest.DEFAULT_DAYS));
  }
}
