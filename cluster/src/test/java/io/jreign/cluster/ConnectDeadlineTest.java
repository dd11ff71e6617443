package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect deadline of dials and of accepted connections runs on the node's clock seam, from
 * the start of the dial (name resolution included) to the Hello: held timers on a test clock decide
 * when a silent peer is given up, not Netty's or the TLS engine's own timers. Host names resolve
 * off the network threads.
 */
class ConnectDeadlineTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(7);

    @TempDir
    Path dir;

    /** Reads until the other side closes; whether it did within {@code WAIT}. */
    private static boolean closedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // a ClientHello, or nothing
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void aSilentDialledPeerAndASilentCallerAreGivenUpWhenTheClockSaysSo() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, "a", "c");
                ServerSocket silent = new ServerSocket(0);
                LogCapture log = LogCapture.of("io.jreign.cluster")) {
            cluster.timeouts("""
                    {"heartbeatInterval": "200ms", "heartbeatTimeout": "10s", "connectTimeout": "7m",
                     "reconnectMin": "20ms", "reconnectMax": "100ms"}""");
            // c "listens" where nothing ever answers a TLS ClientHello
            ClusterSpec spec = ClusterSpec.parse(Files.readString(dir.resolve("cluster.json"))
                    .replace("127.0.0.1:" + cluster.port("c") + "\"", "127.0.0.1:" + silent.getLocalPort() + "\""), dir);
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            HeldTimersClock clock = new HeldTimersClock(CONNECT_TIMEOUT);
            ClusterNode a = cluster.track(ClusterNode.builder(spec, "a").clock(clock).start());

            await().atMost(WAIT).until(() -> accepted.size() == 1 && clock.waiting() == 1);
            assertEquals(1, clock.fire(), "the dial's deadline");
            assertTrue(closedByPeer(accepted.getFirst()), "a gave the dial up when its clock said so");
            await().atMost(WAIT).until(() -> log.has("refused dial to c at 127.0.0.1:" + silent.getLocalPort(),
                    "handshake not finished within 420000 ms (timeouts.connectTimeout)"));
            assertEquals(1, a.stats().refusedConnections());
            await().atMost(WAIT).until(() -> accepted.size() == 2); // and dialled again

            // a caller that connects and says nothing
            try (Socket caller = new Socket("127.0.0.1", a.listenAddress().getPort())) {
                await().atMost(WAIT).until(() -> clock.waiting() == 2); // the new dial's, and the caller's
                clock.fire();
                assertTrue(closedByPeer(caller), "a gave the caller up when its clock said so");
            }
            await().atMost(WAIT).until(() -> log.has("refused connection from 127.0.0.1:",
                    "handshake not finished within 420000 ms (timeouts.connectTimeout)"));
            silent.close();
            acceptor.join();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aMemberAdvertisedByHostNameIsResolvedAndDialled() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            String json = Files.readString(dir.resolve("cluster.json"));
            // a knows b by name; b's dials to a go nowhere, so every connection is a dial of a's
            ClusterSpec forA = ClusterSpec.parse(json.replace("\"advertise\": \"127.0.0.1:" + cluster.port("b"),
                    "\"advertise\": \"localhost:" + cluster.port("b")), dir);
            ClusterSpec forB = ClusterSpec.parse(json.replace("\"advertise\": \"127.0.0.1:" + cluster.port("a"),
                    "\"advertise\": \"127.0.0.1:" + TestCluster.freePort()), dir);
            assertEquals("localhost", forA.member("b").advertise().host());
            ClusterNode a = cluster.start(forA, "a");
            ClusterNode b = cluster.start(forB, "b");
            awaitConnected(a, b);
            try (Mailbox events = a.node().newMailbox()) {
                a.node().monitorNodes(events.address());
                b.transport().cutConnection("a");
                assertEquals(new NodeEvent.Down(b.id(), Reason.NO_CONNECTION), events.receive(NodeEvent.class, WAIT).orElseThrow());
                assertEquals(new NodeEvent.Up(b.id()), events.receive(NodeEvent.class, WAIT).orElseThrow(), "a dialled b by name again");
            }
            try (Mailbox onB = b.node().newMailbox()) {
                a.node().bind(onB.address()).send("by name");
                assertEquals("by name", onB.receive(WAIT).orElseThrow());
            }
        }
    }
}
