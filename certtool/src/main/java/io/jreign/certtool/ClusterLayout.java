package io.jreign.certtool;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link ClusterDirectory#write} put a cluster's files.
 *
 * @param root the output directory
 * @param caDirectory {@code root/ca}, a {@link CaDirectory}
 * @param nodeDirectories {@code root/nodes/NAME} for each node, each a {@link NodeDirectory}
 * @param specFile {@code root/cluster.json} ({@link ClusterSpecFile}) when it was written
 * @param files every file written, in order
 */
public record ClusterLayout(Path root, Path caDirectory, Map<NodeName, Path> nodeDirectories,
    Optional<Path> specFile, List<Path> files) {
  /**
   * Copies the map (keeping its order) and the list.
   *
   * @param root the output directory
   * @param caDirectory the CA directory
   * @param nodeDirectories the node directories
   * @param specFile the spec file, when written
   * @param files the files written
   */
  public ClusterLayout {
    Objects.requireNonNull(specFile, "specFile");
    nodeDirectories = Collections.unmodifiableMap(new LinkedHashMap<>(nodeDirectories));
    files = List.copyOf(files);
  }
}
