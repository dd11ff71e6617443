package io.jreign.certtool;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@link ClusterDirectory#write} put a cluster's files. A later change will write the
 * cluster spec file (its format belongs to the cluster module) from this and the
 * {@link ClusterCredentials}.
 *
 * @param root the output directory
 * @param caDirectory {@code root/ca}, a {@link CaDirectory}
 * @param nodeDirectories {@code root/nodes/NAME} for each node, each a {@link NodeDirectory}
 * @param files every file written, in order
 */
public record ClusterLayout(Path root, Path caDirectory, Map<NodeName, Path> nodeDirectories, List<Path> files) {
  /**
   * Copies the map (keeping its order) and the list.
   *
   * @param root the output directory
   * @param caDirectory the CA directory
   * @param nodeDirectories the node directories
   * @param files the files written
   */
  public ClusterLayout {
    nodeDirectories = Collections.unmodifiableMap(new LinkedHashMap<>(nodeDirectories));
    files = List.copyOf(files);
  }
}
