package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.internal.Frame;
import io.jreign.mailbox.Mailbox;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage, oversized length prefixes, truncated frames, and undecodable payloads from an
 * authenticated peer: each connection is closed with a logged reason, the node keeps serving its
 * other peer, and threads, connections and buffers return to where they were.
 */
class BadInputTest {
    private static ResourceLeakDetector.Level levelBefore;

    @TempDir
    Path dir;

    @BeforeAll
    static void paranoidLeakDetection() {
        levelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(levelBefore);
    }

    /** A plain TCP connection that sends {@code bytes} and waits for the node to close it. */
    private static void garbageConnection(int port, byte[] bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // until the node closes the connection
            }
        }
    }

    /**
     * As member c, with c's real certificate: TLS, Hello, the node's Hello, then {@code bad}. The
     * node settles c's dial against its own dial to c (the lower name's wins), or against our last
     * connection as c while that is not gone yet: then again.
     */
    private static void authenticatedThenBad(TestCluster cluster, ClusterNode a, Supplier<ByteBuf> bad, boolean thenHangUp)
            throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (RawPeer peer = RawPeer.connect(cluster.port("a"), cluster.dir.resolve("c.pem"), cluster.dir.resolve("c.key"))) {
                assertTrue(peer.awaitHandshake());
                peer.send(new Frame.Hello(Frame.VERSION, "test", "c", 777, a.transport().serializerId()));
                Object answer = peer.next(WAIT);
                if (answer instanceof Frame.Reject reject) {
                    assertTrue(reject.reason().startsWith("settled"), reject.reason()); // its own dial, or our last connection not yet gone
                    peer.awaitClosed(WAIT);
                    continue;
                }
                assertInstanceOf(Frame.Hello.class, answer);
                peer.sendRaw(bad.get());
                if (thenHangUp) {
                    peer.close();
                }
                assertTrue(peer.awaitClosed(WAIT), "the node closed the connection");
                return;
            }
        }
        throw new AssertionError("c was never let in");
    }

    /** Platform threads alive now, but Awaitility's own (one per await, alive while it waits). */
    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!thread.getName().startsWith("awaitility")) {
                names.add(thread.getName() + '#' + thread.threadId());
            }
        }
        return names;
    }

    private static ByteBuf frame(int type, byte[] body) {
        return Unpooled.buffer().writeInt(1 + body.length).writeByte(type).writeBytes(body);
    }

    private static ByteBuf send(long incarnation, byte[] payload) {
        return Unpooled.buffer().writeInt(1 + 12 + payload.length).writeByte(Frame.SEND)
                .writeInt((int) incarnation).writeLong(1).writeBytes(payload);
    }

    @Test
    void badConnectionsAreClosedWithAReasonAndLeaveNothingBehind() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, "a", "b", "c");
                LogCapture log = LogCapture.of("io.jreign.cluster");
                LogCapture leaks = LogCapture.of("io.netty.util.ResourceLeakDetector")) {
            ClusterNode a = cluster.start("a");
            ClusterNode b = cluster.start("b");
            awaitConnected(a, b);
            long incarnation = a.id().incarnation();
            byte[] bomb = KryoSerializerTestSupport.sixByteBomb();

            List<Supplier<ByteBuf>> badFrames = List.of(
                    () -> frame(99, new byte[] {1, 2, 3}),                                   // unknown frame type
                    () -> Unpooled.buffer().writeInt(Integer.MAX_VALUE),                    // oversized length prefix
                    () -> Unpooled.buffer().writeInt(-7),                                   // negative length prefix
                    () -> send(incarnation, new byte[] {(byte) 0x7F, 1, 2, 3}),            // undecodable payload
                    () -> send(incarnation, bomb),                                          // the Kryo bomb
                    () -> frame(Frame.CLOSED, new byte[21]),                                // watcher incarnation 0
                    () -> frame(Frame.WATCH, new byte[] {0, 0, 0}),                         // body too short
                    () -> {                                                                  // a second Hello
                        ByteBuf hello = Unpooled.buffer();
                        io.jreign.cluster.internal.FrameEncoder.write(
                                new Frame.Hello(Frame.VERSION, "test", "c", 777, a.transport().serializerId()), hello);
                        return hello;
                    });

            // warm up every path once, then take the baseline
            Thread.ofVirtual().start(() -> { // starts the JDK's virtual-thread machinery before the baseline
                try {
                    garbageConnection(cluster.port("a"), new byte[] {1, 2, 3, 4, 0});
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).join();
            await().atMost(WAIT).until(() -> true); // and Awaitility's thread
            authenticatedThenBad(cluster, a, badFrames.getFirst(), false);
            await().atMost(WAIT).until(() -> a.stats().openConnections() == 1);
            int threadsBefore = threadNames().size();
            java.util.Set<String> namesBefore = threadNames();
            long refusedBefore = a.stats().refusedConnections();
            long errorsBefore = a.stats().protocolErrors();

            // 2,000 plain TCP connections sending random bytes, four at a time
            AtomicInteger done = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                senders.add(Thread.ofVirtual().start(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 500; i++) {
                        byte[] noise = new byte[5 + random.nextInt(200)];
                        random.nextBytes(noise);
                        // never the start of a TLS or SSLv2 record, which would make the node wait
                        // for the rest of it until connectTimeout (covered in SecurityTest)
                        noise[0] = (byte) (noise[0] & 0x0F);
                        noise[4] = 0;
                        try {
                            garbageConnection(cluster.port("a"), noise);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            assertEquals(2_000, done.get());
            await().atMost(WAIT).until(() -> a.stats().refusedConnections() >= refusedBefore + 2_000);

            // an authenticated peer sending each kind of bad frame, 10 times over
            int rounds = 10;
            for (int round = 0; round < rounds; round++) {
                for (Supplier<ByteBuf> bad : badFrames) {
                    authenticatedThenBad(cluster, a, bad, false);
                }
                // a frame cut short, then the connection ends
                authenticatedThenBad(cluster, a, () -> Unpooled.buffer().writeInt(100).writeByte(Frame.SEND).writeInt(1), true);
            }
            await().atMost(WAIT).until(() -> a.stats().protocolErrors() >= errorsBefore + (long) rounds * (badFrames.size() + 1));
            for (String reason : List.of("unknown frame type 99", "Adjusted frame length exceeds 1048580: 2147483651",
                    "Adjusted frame length exceeds 1048580: 4294967293", "too short for its body",
                    "declares 2147483647 elements", "ended inside a frame", "a Hello frame after the handshake",
                    "incarnation of node a must be")) {
                assertTrue(log.has("closing connection with c (127.0.0.1:", reason), reason + " in " + log.lines());
            }
            long refusalLines = log.lines().stream().filter(line -> line.contains("refused connection from")).count();
            assertTrue(refusalLines <= 2 * 20, "refusal logging is rate-limited: " + refusalLines + " lines");

            // the node still serves b
            try (Mailbox onB = b.node().newMailbox()) {
                a.node().bind(onB.address()).send("still serving");
                assertEquals("still serving", onB.receive(WAIT).orElseThrow());
            }
            // nothing left behind
            await().atMost(WAIT).until(() -> a.stats().openConnections() == 1 && a.stats().connectedPeers() == 1);
            try {
                await().atMost(WAIT).until(() -> threadNames().size() <= threadsBefore);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                java.util.Set<String> now = threadNames();
                now.removeAll(namesBefore);
                throw new AssertionError("new threads: " + now, e);
            }
            for (int i = 0; i < 3; i++) {
                System.gc();
                Unpooled.buffer(1).release(); // leak reports are made when buffers are tracked
            }
            assertTrue(leaks.lines().stream().noneMatch(line -> line.contains("LEAK")), leaks.lines().toString());
        }
    }
}
