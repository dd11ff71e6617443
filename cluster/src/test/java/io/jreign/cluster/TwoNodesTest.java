package io.jreign.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.Messages.Ping;
import io.jreign.cluster.Messages.Pong;
import io.jreign.cluster.Messages.Unregistered;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two nodes in one JVM over loopback TLS: connect, ping-pong with addresses, order, send-time errors. */
class TwoNodesTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    TestCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new TestCluster(dir, "a", "b");
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    static void awaitConnected(ClusterNode x, ClusterNode y) {
        await().atMost(WAIT).until(() -> x.connected(y.id().name()).equals(java.util.Optional.of(y.id()))
                && y.connected(x.id().name()).equals(java.util.Optional.of(x.id())));
    }

    @ParameterizedTest(name = "a on OpenSSL: {0}, b on OpenSSL: {1}")
    @CsvSource({"true, true", "false, false", "true, false"})
    void pingPongWithAddressesInMessagesOverEitherTlsImplementation(boolean aOpenSsl, boolean bOpenSsl) {
        ClusterNode a = cluster.track(ClusterNode.builder(cluster.spec, "a").openSsl(aOpenSsl).start());
        ClusterNode b = cluster.track(ClusterNode.builder(cluster.spec, "b").openSsl(bOpenSsl).start());
        assertEquals(aOpenSsl ? "OPENSSL" : "JDK", a.transport().tlsProvider());
        Address echo = b.node().spawn("echo", self -> {
            while (true) {
                if (self.receive() instanceof Ping(Address from, int n)) {
                    from.send(new Pong(self.address(), n));
                }
            }
        });
        awaitConnected(a, b);
        try (Mailbox me = a.node().newMailbox()) {
            Address remoteEcho = a.node().bind(echo);
            for (int i = 0; i < 1_000; i++) {
                remoteEcho.send(new Ping(me.address(), i));
            }
            for (int i = 0; i < 1_000; i++) {
                Pong pong = me.receive(Pong.class, WAIT).orElseThrow();
                assertEquals(i, pong.n(), "in order");
                assertEquals(echo, pong.from(), "the echo's address came back intact");
            }
        }
        assertEquals(1_000, a.stats().messagesSent());
        assertEquals(1_000, b.stats().messagesReceived());
    }

    @Test
    void messagesToAMailboxClosedBetweenTwoOfThemAreDroppedAndCountedAndTheNextMailboxGetsItsOwn() {
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        Mailbox first = b.node().newMailbox();
        Address toFirst = a.node().bind(first.address());
        toFirst.send("one");
        toFirst.send("two");
        assertEquals("one", first.receive(WAIT).orElseThrow());
        assertEquals("two", first.receive(WAIT).orElseThrow());
        long droppedBefore = b.node().stats().droppedToClosed();
        first.close();
        toFirst.send("three"); // same target as the last frame: the receiving side must see it is closed
        await().atMost(WAIT).until(() -> b.node().stats().droppedToClosed() == droppedBefore + 1);
        try (Mailbox second = b.node().newMailbox()) {
            Address toSecond = a.node().bind(second.address());
            toSecond.send("four");
            assertEquals("four", second.receive(WAIT).orElseThrow());
            toFirst.send("five");
            toSecond.send("six");
            assertEquals("six", second.receive(WAIT).orElseThrow());
            await().atMost(WAIT).until(() -> b.node().stats().droppedToClosed() == droppedBefore + 2);
            assertEquals(0, second.size());
        }
    }

    @Test
    void bothNodesSeeTheOtherComeUpAndOneConnectionIsKept() {
        ClusterNode a = cluster.start("a");
        try (Mailbox events = a.node().newMailbox()) {
            a.node().monitorNodes(events.address());
            ClusterNode b = cluster.start("b");
            NodeEvent up = events.receive(NodeEvent.class, WAIT).orElseThrow();
            assertEquals(new NodeEvent.Up(b.id()), up);
            awaitConnected(a, b);
            await().atMost(WAIT).until(() -> a.stats().openConnections() == 1 && b.stats().openConnections() == 1);
        }
    }

    @Test
    void anUnregisteredClassFailsAtSendNamingIt() {
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        try (Mailbox onB = b.node().newMailbox()) {
            Address remote = a.node().bind(onB.address());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> remote.send(new Unregistered("nope")));
            assertTrue(e.getMessage().contains(Unregistered.class.getName()), e.getMessage());
            IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                    () -> remote.send(java.util.List.of(new Unregistered("inside a registered list"))));
            assertTrue(nested.getMessage().contains(Unregistered.class.getName() + " is not registered"), nested.getMessage());
            remote.send("still fine");
            assertEquals("still fine", onB.receive(WAIT).orElseThrow());
        }
    }

    @Test
    void aTakenListenAddressFailsTheStartNamingIt() {
        ClusterNode a = cluster.start("a");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterNode.start(cluster.spec, "a"));
        assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + cluster.port("a")), e.getMessage());
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b); // the first a is unharmed
    }

    @Test
    void aMessageLargerThanTheFrameLimitFailsAtSend() {
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        try (Mailbox onB = b.node().newMailbox()) {
            Address remote = a.node().bind(onB.address());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> remote.send(new Messages.Blob(new byte[2 << 20])));
            assertTrue(e.getMessage().contains("maxFrameSize"), e.getMessage());
            remote.send(new Messages.Blob(new byte[500_000]));
            assertInstanceOf(Messages.Blob.class, onB.receive(WAIT).orElseThrow());
        }
    }
}
