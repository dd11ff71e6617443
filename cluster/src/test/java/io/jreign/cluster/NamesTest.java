package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NameConflict;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster-wide names over real TLS connections: claims reach every connected node, lookups and
 * sends by name see them, releases and closes propagate, conflicts are told once per claimant, a
 * lost node's claims vanish, and a reconnect re-syncs.
 */
class NamesTest {
    @TempDir
    Path dir;
    TestCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void awaitName(ClusterNode on, String name, Address holder) {
        await().atMost(WAIT).until(() -> on.node().names().lookup(name).equals(Optional.of(holder)));
    }

    private static void awaitNoName(ClusterNode on, String name) {
        await().atMost(WAIT).until(() -> on.node().names().lookupAll(name).isEmpty());
    }

    /** Makes sure every names frame {@code from} sent before now has been applied on {@code to}. */
    private static void roundTrip(ClusterNode from, ClusterNode to, String marker) {
        Mailbox holder = from.node().newMailbox();
        from.node().names().register(marker, holder.address());
        awaitName(to, marker, holder.address());
    }

    @Test
    void aClaimReachesEveryNodeAndASendByNameFindsIt() {
        cluster = new TestCluster(dir, "a", "b", "c");
        ClusterNode a = cluster.start("a");
        Mailbox early = a.node().newMailbox();
        a.node().names().register("early", early.address()); // before anyone connects: goes in the sync
        ClusterNode b = cluster.start("b");
        ClusterNode c = cluster.start("c");
        awaitConnected(a, b);
        awaitConnected(b, c);
        awaitConnected(a, c);
        Mailbox service = a.node().newMailbox();
        a.node().names().register("svc", service.address());

        for (ClusterNode other : List.of(b, c)) {
            awaitName(other, "svc", service.address());
            assertEquals(List.of(service.address()), other.node().names().lookupAll("svc"));
            assertEquals(Optional.of(early.address()), other.node().names().lookup("early"));
            other.node().send("svc", "by name from " + other.id().name());
        }
        Set<Object> got = new HashSet<>();
        got.add(service.receive(WAIT).orElseThrow());
        got.add(service.receive(WAIT).orElseThrow());
        assertEquals(Set.of("by name from b", "by name from c"), got);

        Mailbox onB = b.node().newMailbox();
        Mailbox onC = c.node().newMailbox();
        c.node().names().register("pool", onC.address());
        b.node().names().register("pool", onB.address());
        await().atMost(WAIT).until(() -> a.node().names().lookupAll("pool").size() == 2);
        assertEquals(List.of(onB.address(), onC.address()), a.node().names().lookupAll("pool"), "address order: b before c");
        a.node().send("pool", "to the first");
        assertEquals(Optional.of("to the first"), onB.receive(String.class, WAIT));
    }

    @Test
    void aClaimMadeBeforeASendReachesThePeerBeforeTheMessage() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        try (Mailbox inbox = b.node().newMailbox(); Mailbox holder = a.node().newMailbox()) {
            Address remote = a.node().bind(inbox.address());
            for (int i = 0; i < 300; i++) {
                a.node().names().register("ready-" + i, holder.address());
                remote.send(i);
            }
            for (int i = 0; i < 300; i++) {
                assertEquals(Optional.of(i), inbox.receive(Integer.class, WAIT));
                assertEquals(Optional.of(holder.address()), b.node().names().lookup("ready-" + i), "claim " + i + " came first");
            }
        }
    }

    @Test
    void unregisterAndMailboxCloseReleaseTheNameEverywhere() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        Mailbox one = a.node().newMailbox();
        Mailbox two = a.node().newMailbox();
        a.node().names().register("x", one.address());
        a.node().names().register("y", two.address());
        a.node().names().register("z", two.address());
        awaitName(b, "x", one.address());
        awaitName(b, "z", two.address());

        a.node().names().unregister("x", one.address());
        two.close();
        awaitNoName(b, "x");
        awaitNoName(b, "y");
        awaitNoName(b, "z");
        assertTrue(!one.isClosed());
    }

    @Test
    void aConflictAcrossNodesReachesEachClaimantExactlyOnce() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        Mailbox onA = a.node().newMailbox();
        Mailbox onB = b.node().newMailbox();
        a.node().names().register("leader", onA.address());
        awaitName(b, "leader", onA.address());
        b.node().names().register("leader", onB.address());

        NameConflict seenByB = onB.receive(NameConflict.class, WAIT).orElseThrow();
        NameConflict seenByA = onA.receive(NameConflict.class, WAIT).orElseThrow();
        assertEquals(List.of(onB.address(), onA.address()), seenByB.claimants(), "b's own claim first");
        assertEquals(List.of(onA.address(), onB.address()), seenByA.claimants(), "a's own claim first");
        // everything either node sent has arrived: still one notice each
        roundTrip(a, b, "flush-a");
        roundTrip(b, a, "flush-b");
        assertEquals(Optional.empty(), onA.tryReceive());
        assertEquals(Optional.empty(), onB.tryReceive());
        assertEquals(onA.address(), a.node().names().lookup("leader").orElseThrow(), "a prefers its own claim");
        assertEquals(onB.address(), b.node().names().lookup("leader").orElseThrow(), "b prefers its own claim");
    }

    @Test
    void aClosedNodesClaimsVanishFromTheOthers() {
        cluster = new TestCluster(dir, "a", "b", "c");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        ClusterNode c = cluster.start("c");
        awaitConnected(a, c);
        awaitConnected(b, c);
        Mailbox onC = c.node().newMailbox();
        c.node().names().register("on-c", onC.address());
        awaitName(a, "on-c", onC.address());
        awaitName(b, "on-c", onC.address());

        c.close();
        awaitNoName(a, "on-c");
        awaitNoName(b, "on-c");
    }

    @Test
    void aCutConnectionDropsTheClaimsAndTheReconnectResyncsThem() {
        cluster = new TestCluster(dir, "a", "b");
        cluster.timeouts("""
                {"heartbeatInterval": "200ms", "heartbeatTimeout": "10s", "reconnectMin": "300ms", "reconnectMax": "600ms"}""");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        Mailbox before = a.node().newMailbox();
        Mailbox kept = a.node().newMailbox();
        a.node().names().register("before", before.address());
        a.node().names().register("kept", kept.address());
        awaitName(b, "kept", kept.address());
        awaitName(b, "before", before.address());

        try (Mailbox events = b.node().newMailbox()) {
            b.node().monitorNodes(events.address());
            a.transport().cutConnection("b");
            assertEquals(new NodeEvent.Down(a.id(), Reason.NO_CONNECTION), events.receive(NodeEvent.class, WAIT).orElseThrow());
            assertEquals(List.of(), b.node().names().lookupAll("kept"), "gone with the node");
            // while cut (the redial waits at least 150 ms): a claim made, one released, one made and released
            Mailbox during = a.node().newMailbox();
            a.node().names().register("during", during.address());
            before.close();
            a.node().names().register("flicker", kept.address());
            a.node().names().unregister("flicker", kept.address());

            assertEquals(new NodeEvent.Up(a.id()), events.receive(NodeEvent.class, WAIT).orElseThrow());
            awaitName(b, "during", during.address());
            awaitName(b, "kept", kept.address());
            roundTrip(a, b, "after");
            assertEquals(List.of(), b.node().names().lookupAll("before"));
            assertEquals(List.of(), b.node().names().lookupAll("flicker"));
        }
    }

    @Test
    void aPartitionResyncsWhatWasClaimedAndReleasedDuringIt() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        Mailbox before = a.node().newMailbox();
        Mailbox kept = a.node().newMailbox();
        Mailbox onB = b.node().newMailbox();
        a.node().names().register("before", before.address());
        a.node().names().register("kept", kept.address());
        b.node().names().register("from-b", onB.address());
        awaitName(b, "before", before.address());
        awaitName(a, "from-b", onB.address());

        // a partition that stays until healed: each side drops the other from its membership
        a.removeMember("b");
        b.removeMember("a");
        awaitNoName(b, "kept");
        awaitNoName(a, "from-b");
        Mailbox during = a.node().newMailbox();
        a.node().names().register("during", during.address());
        before.close();
        a.node().names().register("flicker", kept.address());
        a.node().names().unregister("flicker", kept.address());
        b.node().names().unregister("from-b", onB.address());
        b.node().names().register("from-b-later", onB.address());

        a.addMember(cluster.spec.member("b"));
        b.addMember(cluster.spec.member("a"));
        awaitConnected(a, b);
        awaitName(b, "during", during.address());
        awaitName(b, "kept", kept.address());
        awaitName(a, "from-b-later", onB.address());
        roundTrip(a, b, "after-a");
        roundTrip(b, a, "after-b");
        assertEquals(List.of(), b.node().names().lookupAll("before"));
        assertEquals(List.of(), b.node().names().lookupAll("flicker"));
        assertEquals(List.of(), a.node().names().lookupAll("from-b"));
    }

    @Test
    void churnWhileThePeerReadsNothingKeepsThePendingChangesToTheLiveClaims() throws Exception {
        cluster = new TestCluster(dir, "a", "b");
        cluster.limits("""
                {"maxFrameSize": "64KiB", "outboundQueue": "256KiB"}""");
        cluster.timeouts("""
                {"heartbeatInterval": "200ms", "heartbeatTimeout": "3m", "sendTimeout": "3m"}""");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        try (Mailbox inbox = b.node().newMailbox(); Mailbox holder = a.node().newMailbox()) {
            Address remote = a.node().bind(inbox.address());
            b.transport().pauseReading("a", true);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            Thread sender = Thread.ofVirtual().start(() -> {
                while (!stop.get()) { // until the socket buffers, the write buffer and the queue are full: then it waits
                    remote.send(new Messages.Blob(new byte[8 * 1024]));
                    sent.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> a.stats().queuedBytes() > 128 * 1024); // not writable

            for (int i = 0; i < 10; i++) {
                a.node().names().register("live-" + i, holder.address());
            }
            for (int i = 0; i < 100_000; i++) {
                a.node().names().register("churn-" + i, holder.address());
                a.node().names().unregister("churn-" + i, holder.address());
            }
            int pending = a.transport().pendingNameChanges("b");
            assertTrue(pending <= 10, "pending name changes stay within the live claims: " + pending);

            stop.set(true);
            b.transport().pauseReading("a", false);
            sender.join();
            for (int i = 0; i < sent.get(); i++) {
                inbox.receive(Messages.Blob.class, WAIT).orElseThrow();
            }
            for (int i = 0; i < 10; i++) {
                awaitName(b, "live-" + i, holder.address());
            }
            roundTrip(a, b, "done");
            assertEquals(List.of(), b.node().names().lookupAll("churn-99999"));
            assertEquals(0, a.transport().pendingNameChanges("b"));
        }
    }

    @Test
    void aNameTooLongForTheWireStaysLocal() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        try (Mailbox holder = a.node().newMailbox(); LogCapture log = LogCapture.of("io.jreign.cluster")) {
            String tooLong = "n".repeat(256);
            String longest = "é".repeat(127); // 254 bytes of UTF-8
            a.node().names().register(tooLong, holder.address());
            a.node().names().register(longest, holder.address());
            awaitName(b, longest, holder.address());
            roundTrip(a, b, "after");
            assertEquals(List.of(), b.node().names().lookupAll(tooLong));
            assertEquals(Optional.of(holder.address()), a.node().names().lookup(tooLong), "still a local name");
            assertTrue(log.has("stays on this node", "255 bytes"), log.lines().toString());
        }
    }

    @Test
    void aPeerSeesTheNamesOfANodeThatStartedWithManyOfThem() {
        cluster = new TestCluster(dir, "a", "b");
        cluster.limits("""
                {"maxFrameSize": "1KiB", "outboundQueue": "64KiB"}""");
        ClusterNode a = cluster.start("a");
        Mailbox holder = a.node().newMailbox();
        int count = 5_000; // a sync in many parts: 1 KiB frames hold ~60 claims each
        for (int i = 0; i < count; i++) {
            a.node().names().register("many-" + i, holder.address());
        }
        ClusterNode b = cluster.start("b");
        awaitConnected(a, b);
        await().atMost(WAIT).until(() -> b.node().names().lookup("many-" + (count - 1)).isPresent());
        for (int i = 0; i < count; i++) {
            assertEquals(Optional.of(holder.address()), b.node().names().lookup("many-" + i));
        }
    }
}
