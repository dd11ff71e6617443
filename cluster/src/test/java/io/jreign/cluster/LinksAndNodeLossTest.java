package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.Messages.Forward;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three nodes, close notifications across nodes, node loss, restarts with a new incarnation, heartbeats. */
class LinksAndNodeLossTest {
    @TempDir
    Path dir;
    TestCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A process that passes a Forward to the next address of its route, or to the last one's owner. */
    static Address relay(ClusterNode node) {
        return node.node().spawn(self -> {
            while (true) {
                if (self.receive() instanceof Forward(List<Address> route, String text)) {
                    List<Address> rest = route.subList(1, route.size());
                    route.getFirst().send(new Forward(new ArrayList<>(rest), text + ">" + self.address().node().name()));
                }
            }
        });
    }

    @Test
    void aMessageTravelsThroughThreeNodesAndComesBackWithLiveAddresses() {
        cluster = new TestCluster(dir, "a", "b", "c");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        ClusterNode c = cluster.start("c");
        awaitConnected(a, b);
        awaitConnected(b, c);
        awaitConnected(a, c);
        Address onB = relay(b);
        Address onC = relay(c);
        try (Mailbox me = a.node().newMailbox()) {
            // a -> b -> c -> a: each hop decodes the route's addresses and sends on with them
            a.node().bind(onB).send(new Forward(new ArrayList<>(List.of(onC, me.address(), onB)), "start"));
            Forward back = me.receive(Forward.class, WAIT).orElseThrow();
            assertEquals("start>b>c", back.text());
            assertEquals(List.of(onB), back.route());
        }
        for (ClusterNode node : List.of(a, b, c)) {
            assertEquals(2, node.stats().connectedPeers());
        }
    }

    @Test
    void aWatcherIsToldOnceWhenARemoteMailboxClosesWithItsReason() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        Mailbox target = b.node().newMailbox();
        Address crasher = b.node().spawn(self -> {
            self.receive();
            throw new IllegalStateException("boom");
        });
        try (Mailbox watcher = a.node().newMailbox()) {
            Address remoteTarget = a.node().bind(target.address());
            Address remoteCrasher = a.node().bind(crasher);
            remoteTarget.onCloseNotify(watcher.address());
            remoteCrasher.onCloseNotify(watcher.address());
            await().atMost(WAIT).until(() -> watchesOnB(b) == 2);

            target.close("remote reason");
            assertEquals(new CloseNotification(remoteTarget, "remote reason"),
                    watcher.receive(CloseNotification.class, WAIT).orElseThrow());

            remoteCrasher.send("die");
            CloseNotification crashed = watcher.receive(CloseNotification.class, WAIT).orElseThrow();
            assertEquals(remoteCrasher, crashed.closed());
            assertEquals(new RemoteFailure(IllegalStateException.class.getName(), "boom"), crashed.reason(),
                    "an exception reason arrives as a RemoteFailure");
            assertEquals(Optional.empty(), watcher.receive(Duration.ofMillis(200)), "exactly once");
        }
    }

    @Test
    void aWatcherThatWithdrawsIsNotTold() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        Mailbox target = b.node().newMailbox();
        try (Mailbox watcher = a.node().newMailbox()) {
            Address remote = a.node().bind(target.address());
            remote.onCloseNotify(watcher.address());
            await().atMost(WAIT).until(() -> watchesOnB(b) == 1);
            remote.removeNotify(watcher.address());
            await().atMost(WAIT).until(() -> watchesOnB(b) == 0);
            target.close();
            assertEquals(Optional.empty(), watcher.receive(Duration.ofMillis(300)));
        }
    }

    @Test
    void closingANodeFiresNoConnectionAndNodeDownOnItsPeers() {
        cluster = new TestCluster(dir, "a", "b", "c");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        ClusterNode c = cluster.start("c");
        awaitConnected(a, b);
        awaitConnected(a, c);
        awaitConnected(b, c);
        Mailbox onB = b.node().newMailbox();
        try (Mailbox watcherOnA = a.node().newMailbox(); Mailbox eventsOnA = a.node().newMailbox();
                Mailbox eventsOnC = c.node().newMailbox()) {
            a.node().monitorNodes(eventsOnA.address());
            c.node().monitorNodes(eventsOnC.address());
            Address remote = a.node().bind(onB.address());
            remote.onCloseNotify(watcherOnA.address());
            await().atMost(WAIT).until(() -> watchesOnB(b) == 1);

            NodeId bId = b.id();
            b.close();

            assertEquals(new CloseNotification(remote, Reason.NO_CONNECTION),
                    watcherOnA.receive(CloseNotification.class, WAIT).orElseThrow());
            assertEquals(new NodeEvent.Down(bId, Reason.NO_CONNECTION), eventsOnA.receive(NodeEvent.class, WAIT).orElseThrow());
            assertEquals(new NodeEvent.Down(bId, Reason.NO_CONNECTION), eventsOnC.receive(NodeEvent.class, WAIT).orElseThrow());
            assertEquals(Optional.empty(), watcherOnA.receive(Duration.ofMillis(200)), "exactly once");
            // a watch set up while b is gone fires at once
            remote.onCloseNotify(eventsOnA.address());
            assertEquals(new CloseNotification(remote, Reason.NO_CONNECTION),
                    eventsOnA.receive(CloseNotification.class, WAIT).orElseThrow());
            assertEquals(1, a.stats().connectedPeers());
        }
    }

    @Test
    void aRestartedPeerIsReconnectedAndAddressesOfItsEarlierRunAreDroppedAndCounted() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterNode b1 = ClusterNode.start(cluster.spec, "b");
        awaitConnected(a, b1);
        Address oldEcho = a.node().bind(b1.node().spawn(self -> self.receive()));
        NodeId firstRun = b1.id();
        try (Mailbox events = a.node().newMailbox()) {
            a.node().monitorNodes(events.address());
            b1.close();
            assertEquals(new NodeEvent.Down(firstRun, Reason.NO_CONNECTION), events.receive(NodeEvent.class, WAIT).orElseThrow());

            ClusterNode b2 = cluster.start("b");
            assertNotEquals(firstRun, b2.id());
            assertEquals(new NodeEvent.Up(b2.id()), events.receive(NodeEvent.class, WAIT).orElseThrow());
            awaitConnected(a, b2);

            long staleBefore = a.stats().droppedStale();
            oldEcho.send("to the dead run");
            assertEquals(staleBefore + 1, a.stats().droppedStale());

            try (Mailbox onB2 = b2.node().newMailbox()) {
                a.node().bind(onB2.address()).send("to the new run");
                assertEquals("to the new run", onB2.receive(WAIT).orElseThrow());
            }
            try (Mailbox watcher = a.node().newMailbox()) {
                oldEcho.onCloseNotify(watcher.address());
                assertEquals(new CloseNotification(oldEcho, Reason.NO_PROC),
                        watcher.receive(CloseNotification.class, WAIT).orElseThrow());
            }
        }
    }

    @Test
    void messagesQueuedWhileAPeerIsDownReachItWhenItComesBackInTime() {
        cluster = new TestCluster(dir, "a", "b");
        cluster.timeouts("""
                {"heartbeatInterval": "200ms", "heartbeatTimeout": "10s", "undeliverableWait": "20s",
                 "reconnectMin": "20ms", "reconnectMax": "100ms"}""");
        ClusterNode a = cluster.start("a");
        ClusterNode b = ClusterNode.builder(cluster.spec, "b").incarnation(7).start();
        awaitConnected(a, b);
        Address onB = a.node().bind(io.jreign.mailbox.Address.of(new NodeId("b", 7), 1_000));
        b.close();
        await().atMost(WAIT).until(() -> a.connected("b").isEmpty());
        for (int i = 0; i < 10; i++) {
            onB.send(i); // waits in a's queue for b
        }
        assertTrue(a.stats().queuedBytes() > 0);
        // the same run cannot come back, but a new node with the same fixed incarnation stands in for it
        ClusterNode again = cluster.track(ClusterNode.builder(cluster.spec, "b").incarnation(7).start());
        Mailbox first = again.node().newMailbox();
        assertEquals(1, first.address().id());
        await().atMost(WAIT).until(() -> a.stats().queuedBytes() == 0);
        assertEquals(0, a.stats().droppedUndeliverable());
    }

    @Test
    void messagesToAnUnreachablePeerAreDroppedAndCountedAfterTheWait() {
        cluster = new TestCluster(dir, "a", "b");
        cluster.timeouts("""
                {"undeliverableWait": "300ms", "reconnectMin": "20ms", "reconnectMax": "100ms"}""");
        ClusterNode a = cluster.start("a");
        Address nowhere = a.node().bind(Address.of(new NodeId("b", 42), 1));
        for (int i = 0; i < 5; i++) {
            nowhere.send(i);
        }
        await().atMost(WAIT).until(() -> a.stats().droppedUndeliverable() == 5);
        assertEquals(0, a.stats().queuedBytes());
    }

    @Test
    void aPeerSilentPastTheHeartbeatTimeoutIsDeclaredDownAndReconnected() {
        cluster = new TestCluster(dir, "a", "b");
        cluster.timeouts("""
                {"heartbeatInterval": "100ms", "heartbeatTimeout": "600ms", "reconnectMin": "20ms", "reconnectMax": "100ms"}""");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        try (Mailbox events = a.node().newMailbox(); LogCapture log = LogCapture.of("io.jreign.cluster")) {
            a.node().monitorNodes(events.address());
            a.transport().pauseReading("b", true); // a hears nothing from b any more
            assertEquals(new NodeEvent.Down(b.id(), Reason.NO_CONNECTION), events.receive(NodeEvent.class, WAIT).orElseThrow());
            assertEquals(new NodeEvent.Up(b.id()), events.receive(NodeEvent.class, WAIT).orElseThrow());
            assertTrue(log.has("heartbeat timeout"), log.lines().toString());
        }
    }

    static int watchesOnB(ClusterNode b) {
        return (int) b.node().stats().crossNodeWatches();
    }
}
