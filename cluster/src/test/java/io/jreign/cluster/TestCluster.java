package io.jreign.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cluster spec on disk for tests: a CA, a certificate per node, free loopback ports, short
 * timeouts, and the test message classes registered. Starts and closes nodes.
 */
final class TestCluster implements AutoCloseable {
    final Path dir;
    final TestPki.Issued ca;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Map<String, TestPki.Issued> certificates = new LinkedHashMap<>();
    private final List<ClusterNode> started = new ArrayList<>();
    private String timeouts = """
            {"heartbeatInterval": "200ms", "heartbeatTimeout": "10s", "connectTimeout": "5s",
             "undeliverableWait": "2s", "sendTimeout": "5s", "reconnectMin": "20ms", "reconnectMax": "300ms"}""";
    private String limits = """
            {"maxFrameSize": "1MiB", "outboundQueue": "4MiB"}""";
    ClusterSpec spec;

    TestCluster(Path dir, String... names) {
        this.dir = dir;
        this.ca = TestPki.ca("jreign test CA");
        TestPki.writeCertificate(dir.resolve("ca.pem"), ca.certificate());
        for (String name : names) {
            ports.put(name, unusedPort());
            TestPki.Issued issued = TestPki.node(ca, name);
            certificates.put(name, issued);
            issued.write(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
        }
        writeSpec();
    }

    TestCluster timeouts(String json) {
        this.timeouts = json;
        writeSpec();
        return this;
    }

    TestCluster limits(String json) {
        this.limits = json;
        writeSpec();
        return this;
    }

    void writeSpec() {
        spec = writeSpec("cluster.json", List.copyOf(ports.keySet()));
    }

    /**
     * Another spec file of the same cluster, {@code file}, listing only {@code members} (of those
     * this cluster made certificates and ports for), in that order.
     */
    ClusterSpec spec(String file, String... members) {
        return writeSpec(file, List.of(members));
    }

    private ClusterSpec writeSpec(String file, List<String> members) {
        String nodes = members.stream()
                .map(name -> "    {\"name\": \"" + name + "\", \"advertise\": \"127.0.0.1:" + ports.get(name)
                        + "\", \"listen\": \"127.0.0.1:" + ports.get(name) + "\"}")
                .collect(Collectors.joining(",\n"));
        String registered = Messages.REGISTERED.stream().map(n -> '"' + n + '"').collect(Collectors.joining(", "));
        String json = """
                {
                  "cluster": "test",
                  "ca": "ca.pem",
                  "certificate": "{node}.pem",
                  "key": "{node}.key",
                  "serializer": "kryo",
                  "register": [%s],
                  "timeouts": %s,
                  "limits": %s,
                  "nodes": [
                %s
                  ]
                }
                """.formatted(registered, timeouts, limits, nodes);
        try {
            Files.writeString(dir.resolve(file), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ClusterSpec.load(dir.resolve(file));
    }

    ClusterNode start(String name) {
        return start(spec, name);
    }

    ClusterNode start(ClusterSpec members, String name) {
        return track(ClusterNode.start(members, name));
    }

    ClusterNode track(ClusterNode node) {
        started.add(node);
        return node;
    }

    int port(String name) {
        return ports.get(name);
    }

    /** A free port that no member of this cluster has (the kernel may hand out a port it just handed out). */
    int unusedPort() {
        int port = freePort();
        while (ports.containsValue(port)) {
            port = freePort();
        }
        return port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (ClusterNode node : started.reversed()) {
            node.close();
        }
    }
}
