package io.jreign.certtool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole cluster's credentials in memory: the CA and every node's key and certificate. Write them
 * with {@link ClusterDirectory#write}.
 *
 * @param ca the cluster CA
 * @param nodes each node's credentials, in the order the nodes were given
 * @param hosts the hosts every node certificate carries as SANs
 */
public record ClusterCredentials(CertificateAuthority ca, Map<NodeName, NodeCredentials> nodes, List<Host> hosts) {
  /**
   * Copies the map (keeping its order) and the list.
   *
   * @param ca the cluster CA
   * @param nodes each node's credentials
   * @param hosts the hosts
   */
  public ClusterCredentials {
    Objects.requireNonNull(ca, "ca");
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    hosts = List.copyOf(hosts);
  }

  /**
   * Makes a new CA and issues one certificate per node.
   *
   * @param request the nodes, hosts, key types and validity periods
   * @return the credentials
   */
  public static ClusterCredentials generate(ClusterRequest request) {
    CertificateAuthority ca = CertificateAuthority.create(request.ca());
    Map<NodeName, NodeCredentials> nodes = new LinkedHashMap<>();
    for (NodeName name : request.nodes()) {
      nodes.put(name, ca.issue(new NodeRequest(name, request.hosts(), request.nodeKeyType(), request.nodeValidity())));
    }
    return new ClusterCredentials(ca, nodes, request.hosts());
  }
}
