package io.jreign.otp.etf;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jreign.certtool.ClusterCredentials;
import io.jreign.certtool.ClusterDirectory;
import io.jreign.certtool.ClusterRequest;
import io.jreign.certtool.ClusterSpecFile;
import io.jreign.certtool.Host;
import io.jreign.certtool.NodeName;
import io.jreign.cluster.ClusterNode;
import io.jreign.cluster.ClusterSpec;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two TLS cluster nodes that speak ETF to each other instead of Kryo. */
class EtfOverClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    record Ping(Address from, long n) {}

    @TempDir
    Path dir;

    @Test
    void recordsAndTermsCrossTheTlsClusterAsEtf() {
        Map<NodeName, Integer> ports = new LinkedHashMap<>();
        ports.put(NodeName.of("a"), freePort());
        ports.put(NodeName.of("b"), freePort());
        Host host = Host.parse("127.0.0.1");
        ClusterDirectory.write(dir, ClusterCredentials.generate(ClusterRequest.defaults(List.copyOf(ports.keySet()), List.of(host), Instant.now())),
                new ClusterSpecFile("etf", host, ports), Optional.empty(), false);
        ClusterSpec spec = ClusterSpec.load(dir.resolve(ClusterSpecFile.FILE_NAME));
        EtfCodec codec = EtfCodec.builder().record(Ping.class, Atom.of("ping")).build();

        try (ClusterNode a = ClusterNode.builder(spec, "a").serializer(new EtfSerializer(codec)).start();
                ClusterNode b = ClusterNode.builder(spec, "b").serializer(new EtfSerializer(codec)).start();
                Mailbox onA = a.node().newMailbox()) {
            Address echo = b.node().spawn(self -> {
                while (true) {
                    if (self.receive() instanceof Ping(Address from, long n)) {
                        from.send(Tuple.of(Atom.of("pong"), n));
                    }
                }
            });
            await().atMost(WAIT).until(() -> a.connected("b").isPresent() && b.connected("a").isPresent());
            a.node().bind(echo).send(new Ping(onA.address(), 42L));
            assertEquals(Tuple.of(Atom.of("pong"), 42L), onA.receive(WAIT).orElseThrow());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
