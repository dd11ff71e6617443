package io.jreign.certtool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster's credentials on disk:
 * <pre>
 * DIR/ca/ca.pem, DIR/ca/ca.key              the CA ({@link CaDirectory})
 * DIR/nodes/NAME/node.pem, node.key, ca.pem  each node ({@link NodeDirectory})
 * DIR/cluster.json                          the cluster module's spec file ({@link ClusterSpecFile})
 * </pre>
 * {@link #write(Path, ClusterCredentials, ClusterSpecFile, Optional, boolean)} writes all of it;
 * {@link #write(Path, ClusterCredentials, Optional, boolean)} leaves the spec file out.
 */
public final class ClusterDirectory {
  /** The CA's subdirectory. */
  public static final String CA_DIRECTORY = "ca";

  /** The subdirectory holding one directory per node. */
  public static final String NODES_DIRECTORY = "nodes";

  private ClusterDirectory() {}

  /**
   * The CA directory of a cluster directory.
   *
   * @param root the cluster directory
   * @return {@code root/ca}
   */
  public static Path caDirectory(Path root) {
    return root.resolve(CA_DIRECTORY);
  }

  /**
   * A node's directory in a cluster directory.
   *
   * @param root the cluster directory
   * @param node the node
   * @return {@code root/nodes/NAME}
   */
  public static Path nodeDirectory(Path root, NodeName node) {
    return root.resolve(NODES_DIRECTORY).resolve(node.value());
  }

  /**
   * Checks, before any work, that {@link #write(Path, ClusterCredentials, Optional, boolean)} would
   * not overwrite a file (the spec file is not checked).
   *
   * @param root the cluster directory
   * @param nodes the nodes that will be written
   * @param force whether overwriting is allowed
   * @throws CertToolException naming the first file that exists, unless {@code force}
   */
  public static void requireWritable(Path root, List<NodeName> nodes, boolean force) {
    requireWritable(root, nodes, false, force);
  }

  /**
   * Checks, before any work, that writing the cluster would not overwrite a file.
   *
   * @param root the cluster directory
   * @param nodes the nodes that will be written
   * @param withSpecFile whether {@code root/cluster.json} will be written too
   * @param force whether overwriting is allowed
   * @throws CertToolException naming the first file that exists, unless {@code force}
   */
  public static void requireWritable(Path root, List<NodeName> nodes, boolean withSpecFile, boolean force) {
    CaDirectory.requireWritable(caDirectory(root), force);
    for (NodeName node : nodes) {
      NodeDirectory.requireWritable(nodeDirectory(root, node), force);
    }
    if (withSpecFile) {
      ClusterSpecFile.requireWritable(root, force);
    }
  }

  /**
   * Writes the CA and every node, without a spec file, or nothing when any file exists and
   * {@code force} is false.
   *
   * @param root the cluster directory, created when missing
   * @param cluster the credentials
   * @param caPassword encrypts the CA key when present
   * @param force overwrite existing files
   * @return where everything went; its {@link ClusterLayout#specFile()} is empty
   * @throws CertToolException naming the file when one exists or cannot be written
   */
  public static ClusterLayout write(Path root, ClusterCredentials cluster, Optional<char[]> caPassword, boolean force) {
    return write(root, cluster, Optional.empty(), caPassword, force);
  }

  /**
   * Writes the CA, every node and the spec file {@code root/cluster.json}, or nothing when any of
   * these files exists and {@code force} is false. The result is a directory the cluster module
   * loads as is: {@code ClusterSpec.load(root.resolve("cluster.json"))}.
   *
   * @param root the cluster directory, created when missing
   * @param cluster the credentials
   * @param spec the spec file, for the same nodes in the same order; see
   *     {@link ClusterSpecFile#forCluster}
   * @param caPassword encrypts the CA key when present (the spec does not refer to the CA key)
   * @param force overwrite existing files
   * @return where everything went
   * @throws CertToolException naming the file when one exists or cannot be written, or when the
   *     spec's nodes are not the credentials' nodes
   */
  public static ClusterLayout write(Path root, ClusterCredentials cluster, ClusterSpecFile spec,
      Optional<char[]> caPassword, boolean force) {
    List<NodeName> credentialNodes = List.copyOf(cluster.nodes().keySet());
    if (!spec.nodes().equals(credentialNodes)) {
      throw new CertToolException("the spec file's nodes " + spec.nodes() + " are not the cluster's nodes "
          + credentialNodes);
    }
    return write(root, cluster, Optional.of(spec), caPassword, force);
  }

  private static ClusterLayout write(Path root, ClusterCredentials cluster, Optional<ClusterSpecFile> spec,
      Optional<char[]> caPassword, boolean force) {
    List<SafeFiles.Target> targets = new ArrayList<>(CaDirectory.targets(caDirectory(root), cluster.ca(), caPassword));
    Map<NodeName, Path> nodeDirectories = new LinkedHashMap<>();
    for (NodeCredentials node : cluster.nodes().values()) {
      Path dir = nodeDirectory(root, node.name());
      nodeDirectories.put(node.name(), dir);
      targets.addAll(NodeDirectory.targets(dir, node));
    }
    spec.ifPresent(file -> targets.add(file.target(root)));
    List<Path> files = SafeFiles.writeAll(targets, force);
    return new ClusterLayout(root, caDirectory(root), nodeDirectories, spec.map(file -> ClusterSpecFile.file(root)),
        files);
  }
}
