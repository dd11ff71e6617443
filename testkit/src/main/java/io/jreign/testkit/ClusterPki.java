package io.jreign.testkit;

import io.jreign.certtool.CaDirectory;
import io.jreign.certtool.ClusterCredentials;
import io.jreign.certtool.ClusterDirectory;
import io.jreign.certtool.ClusterLayout;
import io.jreign.certtool.ClusterRequest;
import io.jreign.certtool.Host;
import io.jreign.certtool.NodeDirectory;
import io.jreign.certtool.NodeName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Certificates for simulated cluster nodes, made with certtool's library (a CA and one certificate
 * per node, as {@code certtool cluster} makes them) once per JVM and set of node names, in a
 * temporary directory removed when the JVM exits. Key generation is the costly part of a cluster
 * node's start, and certificates play no part in a run's order of events, so seeds share them.
 */
final class ClusterPki {
    /** Where one set's files are. */
    record Issued(Path ca, Map<String, Path> certificates, Map<String, Path> keys) {}

    private static final Map<List<String>, Issued> MADE = new HashMap<>();

    private ClusterPki() {}

    /** The files for exactly these node names (sorted), made on first use. */
    static synchronized Issued forNodes(List<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        return MADE.computeIfAbsent(sorted, ClusterPki::make);
    }

    private static Issued make(List<String> names) {
        try {
            Path root = Files.createTempDirectory("jreign-sim-pki-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "jreign-sim-pki-cleanup"));
            List<NodeName> nodes = names.stream().map(NodeName::of).toList();
            // Wall time, not virtual time: the TLS engine checks certificate validity against the
            // real date even when the simulation runs on virtual time.
            ClusterCredentials credentials = ClusterCredentials.generate(
                    ClusterRequest.defaults(nodes, List.of(Host.parse("127.0.0.1")), Instant.now()));
            ClusterLayout layout = ClusterDirectory.write(root, credentials, Optional.empty(), false);
            Map<String, Path> certificates = new HashMap<>();
            Map<String, Path> keys = new HashMap<>();
            for (NodeName node : nodes) {
                Path dir = layout.nodeDirectories().get(node);
                certificates.put(node.value(), NodeDirectory.certificateFile(dir));
                keys.put(node.value(), NodeDirectory.keyFile(dir));
            }
            return new Issued(CaDirectory.certificateFile(layout.caDirectory()), certificates, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write certificates for simulated cluster nodes", e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit: a temporary directory
        }
    }
}
