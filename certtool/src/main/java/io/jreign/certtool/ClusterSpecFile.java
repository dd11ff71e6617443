package io.jreign.certtool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster module's spec file for a cluster directory ({@link ClusterDirectory}):
 * {@code DIR/}{@value #FILE_NAME}, ready for {@code ClusterSpec.load(DIR.resolve("cluster.json"))}.
 *
 * <pre>{@code
 * {
 *   "cluster": "dev-cluster",
 *   "ca": "ca/ca.pem",
 *   "certificate": "nodes/{node}/node.pem",
 *   "key": "nodes/{node}/node.key",
 *   "serializer": "kryo",
 *   "nodes": [
 *     {
 *       "name": "a",
 *       "advertise": "127.0.0.1:7400",
 *       "listen": "127.0.0.1:7400"
 *     },
 *     ...
 *   ]
 * }
 * }</pre>
 *
 * <p>Paths are relative to the spec file (the cluster directory); {@code {node}} is the node's
 * name. Every node advertises and listens on {@link #host()} and its own port. No
 * {@code "register"}, {@code "timeouts"} or {@code "limits"} are written, so the cluster's
 * defaults apply; add {@code "register": ["com.example.Ping", ...]} for your message classes.
 *
 * <p>certtool does not depend on the cluster module: this class writes the format the cluster
 * module documents (its README, "The spec file"), and the cluster module's tests load what it
 * writes.
 *
 * @param cluster the cluster's name: 1 to {@value #MAX_CLUSTER_NAME_LENGTH} characters, not blank,
 *     no control characters
 * @param host where every node is reached: an IP address or a DNS name, not a wildcard
 * @param ports each node's port (1 to 65535, no port twice), in the order the nodes are listed
 */
public record ClusterSpecFile(String cluster, Host host, Map<NodeName, Integer> ports) {
  /** The spec file's name in the cluster directory. */
  public static final String FILE_NAME = "cluster.json";

  /** The first node's port unless told otherwise; node {@code i} (from 0) gets this plus {@code i}. */
  public static final int DEFAULT_BASE_PORT = 7400;

  /** The cluster name used when the cluster directory's own name will not do. */
  public static final String DEFAULT_CLUSTER_NAME = "jreign";

  /** The longest cluster name accepted. */
  public static final int MAX_CLUSTER_NAME_LENGTH = 255;

  /** The host used when the cluster's certificates name no usable host. */
  public static final Host DEFAULT_HOST = new Host("127.0.0.1", Host.Kind.IP);

  /** The serializer written into the spec: the cluster's built-in one. */
  public static final String SERIALIZER = "kryo";

  private static final String PLACEHOLDER = "{node}";

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .defaultPrettyPrinter(new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")))
      .build();

  /**
   * Checks the name, host and ports, and copies the map (keeping its order).
   *
   * @param cluster the cluster's name
   * @param host the host every node advertises and listens on
   * @param ports each node's port
   * @throws CertToolException naming {@code --cluster-name}, {@code --host} or the port that is wrong
   */
  public ClusterSpecFile {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(host, "host");
    if (!isValidClusterName(cluster)) {
      throw new CertToolException("--cluster-name: '" + cluster + "' is not a valid cluster name (1-"
          + MAX_CLUSTER_NAME_LENGTH + " characters, not blank, no control characters)");
    }
    if (host.value().startsWith("*.")) {
      throw new CertToolException("--host: a wildcard name (" + host.value() + ") cannot be dialled");
    }
    if (ports.isEmpty()) {
      throw new CertToolException("--nodes: give at least one node name");
    }
    Map<Integer, NodeName> owners = new HashMap<>();
    for (Map.Entry<NodeName, Integer> entry : ports.entrySet()) {
      int port = Objects.requireNonNull(entry.getValue(), "port");
      if (port < 1 || port > 65_535) {
        throw new CertToolException("port of node '" + entry.getKey() + "' must be between 1 and 65535, not " + port);
      }
      NodeName other = owners.putIfAbsent(port, entry.getKey());
      if (other != null) {
        throw new CertToolException("port " + port + " is given to both node '" + other + "' and node '"
            + entry.getKey() + "'");
      }
    }
    ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
  }

  /**
   * A spec whose nodes get consecutive ports: the first {@code basePort}, the next
   * {@code basePort + 1}, and so on.
   *
   * @param cluster the cluster's name
   * @param host the host every node advertises and listens on
   * @param nodes the nodes, in order
   * @param basePort the first node's port
   * @return the spec
   * @throws CertToolException naming {@code --base-port} when a port would fall outside 1..65535,
   *     or as the canonical constructor does
   */
  public static ClusterSpecFile consecutive(String cluster, Host host, List<NodeName> nodes, int basePort) {
    if (basePort < 1 || basePort > 65_535) {
      throw new CertToolException("--base-port must be between 1 and 65535, not " + basePort);
    }
    if ((long) basePort + nodes.size() - 1 > 65_535) {
      throw new CertToolException("--base-port " + basePort + " leaves no port for " + nodes.size()
          + " nodes: the last would be " + ((long) basePort + nodes.size() - 1) + ", above 65535");
    }
    Map<NodeName, Integer> ports = new LinkedHashMap<>();
    for (NodeName node : nodes) {
      ports.put(node, basePort + ports.size());
    }
    return new ClusterSpecFile(cluster, host, ports);
  }

  /**
   * The spec for generated credentials, with consecutive ports from {@code basePort} on
   * {@link #advertiseHost} of the credentials' hosts.
   *
   * @param cluster the cluster's name
   * @param credentials the cluster's nodes and hosts
   * @param basePort the first node's port
   * @return the spec
   * @throws CertToolException as {@link #consecutive} does
   */
  public static ClusterSpecFile forCluster(String cluster, ClusterCredentials credentials, int basePort) {
    return consecutive(cluster, advertiseHost(credentials.hosts()), List.copyOf(credentials.nodes().keySet()),
        basePort);
  }

  /**
   * The host a generated spec uses: the first of {@code hosts} that is not a wildcard DNS name,
   * or {@link #DEFAULT_HOST} ({@code 127.0.0.1}) when there is none.
   *
   * @param hosts the hosts the node certificates carry, in the order given
   * @return the host to advertise
   */
  public static Host advertiseHost(List<Host> hosts) {
    return hosts.stream().filter(host -> !host.value().startsWith("*.")).findFirst().orElse(DEFAULT_HOST);
  }

  /**
   * The default cluster name for a cluster directory: the directory's own name (so
   * {@code --out /tmp/dev-cluster} makes cluster {@code dev-cluster}), or
   * {@value #DEFAULT_CLUSTER_NAME} when that is not a valid cluster name (for example the root
   * directory, which has none).
   *
   * @param root the cluster directory
   * @return the name
   */
  public static String defaultClusterName(Path root) {
    Path name = root.toAbsolutePath().normalize().getFileName();
    return name != null && isValidClusterName(name.toString()) ? name.toString() : DEFAULT_CLUSTER_NAME;
  }

  /**
   * Tells whether a string is a valid cluster name: 1 to {@value #MAX_CLUSTER_NAME_LENGTH}
   * characters, not blank, no control characters.
   *
   * @param name the candidate, may be null
   * @return true when valid
   */
  public static boolean isValidClusterName(String name) {
    return name != null && !name.isBlank() && name.length() <= MAX_CLUSTER_NAME_LENGTH
        && name.codePoints().noneMatch(Character::isISOControl);
  }

  /**
   * The spec file of a cluster directory.
   *
   * @param root the cluster directory
   * @return {@code root/cluster.json}
   */
  public static Path file(Path root) {
    return root.resolve(FILE_NAME);
  }

  /**
   * The nodes, in order.
   *
   * @return the node names
   */
  public List<NodeName> nodes() {
    return List.copyOf(ports.keySet());
  }

  /**
   * Where a node is reached: {@code host:port}, or {@code [address]:port} for an IPv6 address.
   * The spec writes this as both the node's {@code "advertise"} and its {@code "listen"}.
   *
   * @param node one of the nodes
   * @return the address
   * @throws IllegalArgumentException when the node is not in the spec
   */
  public String address(NodeName node) {
    Integer port = ports.get(node);
    if (port == null) {
      throw new IllegalArgumentException("node '" + node + "' is not in the spec; its nodes are " + nodes());
    }
    boolean ipv6 = host.kind() == Host.Kind.IP && host.value().contains(":");
    return (ipv6 ? "[" + host.value() + "]" : host.value()) + ":" + port;
  }

  /**
   * The spec file's text: pretty-printed JSON, ASCII only (other characters escaped), ending in a
   * newline. Paths use {@code /} and are relative to the cluster directory.
   *
   * @return the JSON
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("cluster", cluster);
    root.put("ca", ClusterDirectory.CA_DIRECTORY + "/" + CaDirectory.CERTIFICATE_FILE);
    String nodeDirectory = ClusterDirectory.NODES_DIRECTORY + "/" + PLACEHOLDER + "/";
    root.put("certificate", nodeDirectory + NodeDirectory.CERTIFICATE_FILE);
    root.put("key", nodeDirectory + NodeDirectory.KEY_FILE);
    root.put("serializer", SERIALIZER);
    ArrayNode nodes = root.putArray("nodes");
    for (NodeName node : ports.keySet()) {
      nodes.addObject()
          .put("name", node.value())
          .put("advertise", address(node))
          .put("listen", address(node));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the spec as JSON", e);
    }
  }

  /**
   * Checks, before any work, that {@link #write} would not overwrite the spec file.
   *
   * @param root the cluster directory
   * @param force whether overwriting is allowed
   * @throws CertToolException naming the file when it exists, unless {@code force}
   */
  public static void requireWritable(Path root, boolean force) {
    SafeFiles.refuseOverwrite(List.of(file(root)), force);
  }

  /**
   * Writes {@code root/cluster.json} on its own (mode 0644), or nothing when it exists and
   * {@code force} is false. {@link ClusterDirectory#write(Path, ClusterCredentials, ClusterSpecFile,
   * java.util.Optional, boolean)} writes it together with the certificates.
   *
   * @param root the cluster directory, created when missing
   * @param force overwrite an existing file
   * @return the file written
   * @throws CertToolException naming the file when it exists or cannot be written
   */
  public Path write(Path root, boolean force) {
    return SafeFiles.writeAll(List.of(target(root)), force).getFirst();
  }

  SafeFiles.Target target(Path root) {
    return new SafeFiles.Target(file(root), toJson(), false);
  }
}
