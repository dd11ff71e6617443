package io.jreign.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jreign.certtool.ClusterCredentials;
import io.jreign.certtool.ClusterDirectory;
import io.jreign.certtool.ClusterRequest;
import io.jreign.certtool.ClusterSpecFile;
import io.jreign.certtool.Host;
import io.jreign.certtool.NodeName;
import io.jreign.cluster.ClusterSpec.Endpoint;
import io.jreign.cluster.Messages.Ping;
import io.jreign.cluster.Messages.Pong;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster directory certtool writes (CA, node certificates and {@code cluster.json}) is a
 * cluster as is: it loads, and two nodes started from it talk to each other.
 */
class CerttoolSpecTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final NodeName A = NodeName.of("a");
    static final NodeName B = NodeName.of("b");

    @TempDir
    Path dir;

    /** certtool's library API, as {@code certtool cluster --nodes a,b --host 127.0.0.1} uses it, on free ports. */
    private Path writeCluster(String name, Map<NodeName, Integer> ports) {
        Host host = Host.parse("127.0.0.1");
        ClusterCredentials credentials = ClusterCredentials.generate(
                ClusterRequest.defaults(List.copyOf(ports.keySet()), List.of(host), Instant.now()));
        ClusterSpecFile specFile = new ClusterSpecFile(name, host, ports);
        ClusterDirectory.write(dir, credentials, specFile, Optional.empty(), false);
        return dir.resolve(ClusterSpecFile.FILE_NAME);
    }

    private static Map<NodeName, Integer> freePorts() {
        Map<NodeName, Integer> ports = new LinkedHashMap<>();
        ports.put(A, TestCluster.freePort());
        int b = TestCluster.freePort();
        while (b == ports.get(A)) {
            b = TestCluster.freePort();
        }
        ports.put(B, b);
        return ports;
    }

    @Test
    void theGeneratedSpecStartsTwoNodesThatTalkBothWays() {
        Map<NodeName, Integer> ports = freePorts();
        ClusterSpec spec = ClusterSpec.load(writeCluster("certtool-made", ports));

        assertEquals("certtool-made", spec.cluster());
        assertEquals(dir.resolve("ca/ca.pem"), spec.ca());
        assertEquals(List.of(), spec.registrations());
        assertEquals(ClusterSpec.Timeouts.DEFAULTS, spec.timeouts());
        assertEquals(new Endpoint("127.0.0.1", ports.get(B)), spec.member("b").advertise());
        assertEquals(new Endpoint("127.0.0.1", ports.get(B)), spec.member("b").listen());
        assertEquals(dir.resolve("nodes/b/node.pem"), spec.member("b").certificate());
        assertEquals(dir.resolve("nodes/b/node.key"), spec.member("b").key());

        try (ClusterNode a = ClusterNode.start(spec, "a");
                ClusterNode b = ClusterNode.start(spec, "b");
                Mailbox onA = a.node().newMailbox();
                Mailbox onB = b.node().newMailbox()) {
            awaitConnected(a, b);
            a.node().bind(onB.address()).send(onA.address()); // built-in types need no "register"
            Address replyTo = onB.receive(Address.class, WAIT).orElseThrow();
            assertEquals(onA.address(), replyTo);
            replyTo.send("hello from b");
            assertEquals("hello from b", onA.receive(String.class, WAIT).orElseThrow());
            a.node().bind(onB.address()).send("hello from a");
            assertEquals("hello from a", onB.receive(String.class, WAIT).orElseThrow());
        }
    }

    @Test
    void addingRegisterToTheGeneratedSpecCarriesTheUsersMessages() throws Exception {
        Path file = writeCluster("with-register", freePorts());
        ObjectMapper json = new ObjectMapper();
        ObjectNode edited = (ObjectNode) json.readTree(file.toFile());
        edited.putArray("register").add(Ping.class.getName()).add(Pong.class.getName());
        Files.writeString(file, json.writeValueAsString(edited));
        ClusterSpec spec = ClusterSpec.load(file);
        assertEquals(List.of(Ping.class.getName(), Pong.class.getName()), spec.registrations());

        try (ClusterNode a = ClusterNode.start(spec, "a");
                ClusterNode b = ClusterNode.start(spec, "b");
                Mailbox onA = a.node().newMailbox()) {
            Address echo = b.node().spawn("echo", self -> {
                while (true) {
                    if (self.receive() instanceof Ping(Address from, int n)) {
                        from.send(new Pong(self.address(), n));
                    }
                }
            });
            awaitConnected(a, b);
            a.node().bind(echo).send(new Ping(onA.address(), 7));
            Pong pong = onA.receive(Pong.class, WAIT).orElseThrow();
            assertEquals(7, pong.n());
            assertEquals(echo, pong.from());
        }
    }

    @Test
    void theCommandLineDefaultsLoad() {
        ClusterCredentials credentials = ClusterCredentials.generate(ClusterRequest.defaults(
                List.of(A, B, NodeName.of("c")), List.of(Host.parse("127.0.0.1")), Instant.now()));
        ClusterSpecFile specFile = ClusterSpecFile.forCluster(ClusterSpecFile.defaultClusterName(dir), credentials,
                ClusterSpecFile.DEFAULT_BASE_PORT);
        ClusterDirectory.write(dir, credentials, specFile, Optional.of("ca password".toCharArray()), false);

        ClusterSpec spec = ClusterSpec.load(dir.resolve("cluster.json"));

        assertEquals(dir.getFileName().toString(), spec.cluster());
        assertEquals("kryo", spec.serializer());
        assertEquals(ClusterSpec.Limits.DEFAULTS, spec.limits());
        assertEquals(List.of("a", "b", "c"), spec.nodes().stream().map(ClusterSpec.Member::name).toList());
        for (int i = 0; i < 3; i++) {
            ClusterSpec.Member member = spec.nodes().get(i);
            assertEquals(new Endpoint("127.0.0.1", 7400 + i), member.advertise());
            assertEquals(member.advertise(), member.listen());
            assertTrue(Files.isReadable(member.certificate()), member.certificate().toString());
            assertTrue(Files.isReadable(member.key()), member.key().toString());
        }
    }

    static void awaitConnected(ClusterNode x, ClusterNode y) {
        await().atMost(WAIT).until(() -> x.connected(y.id().name()).equals(Optional.of(y.id()))
                && y.connected(x.id().name()).equals(Optional.of(x.id())));
    }
}
