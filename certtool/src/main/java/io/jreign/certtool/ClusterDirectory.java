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
 * </pre>
 * The cluster spec file is not written yet: its format belongs to the cluster module's issue.
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
   * Checks, before any work, that {@link #write} would not overwrite a file.
   *
   * @param root the cluster directory
   * @param nodes the nodes that will be written
   * @param force whether overwriting is allowed
   * @throws CertToolException naming the first file that exists, unless {@code force}
   */
  public static void requireWritable(Path root, List<NodeName> nodes, boolean force) {
    CaDirectory.requireWritable(caDirectory(root), force);
    for (NodeName node : nodes) {
      NodeDirectory.requireWritable(nodeDirectory(root, node), force);
    }
  }

  /**
   * Writes the CA and every node, or nothing when any file exists and {@code force} is false.
   *
   * @param root the cluster directory, created when missing
   * @param cluster the credentials
   * @param caPassword encrypts the CA key when present
   * @param force overwrite existing files
   * @return where everything went
   * @throws CertToolException naming the file when one exists or cannot be written
   */
  public static ClusterLayout write(Path root, ClusterCredentials cluster, Optional<char[]> caPassword, boolean force) {
    List<SafeFiles.Target> targets = new ArrayList<>(CaDirectory.targets(caDirectory(root), cluster.ca(), caPassword));
    Map<NodeName, Path> nodeDirectories = new LinkedHashMap<>();
    for (NodeCredentials node : cluster.nodes().values()) {
      Path dir = nodeDirectory(root, node.name());
      nodeDirectories.put(node.name(), dir);
      targets.addAll(NodeDirectory.targets(dir, node));
    }
    List<Path> files = SafeFiles.writeAll(targets, force);
    return new ClusterLayout(root, caDirectory(root), nodeDirectories, files);
  }
}
