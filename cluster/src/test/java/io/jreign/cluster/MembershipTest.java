package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members added and removed while the nodes run, by call and by reloading the spec; what cannot
 * change at run time is refused whole; and no cap on the number of members.
 */
class MembershipTest {
    @TempDir
    Path dir;
    TestCluster cluster;
    LogCapture log;

    @AfterEach
    void tearDown() {
        if (log != null) {
            log.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeAddedAtRunTimeIsLetInAndDialledByCallOrByReload() {
        cluster = new TestCluster(dir, "a", "b", "c");
        ClusterSpec ab = cluster.spec("ab.json", "a", "b");
        log = LogCapture.of("io.jreign.cluster");
        ClusterNode a = cluster.start(ab, "a");
        ClusterNode b = cluster.start(ab, "b");
        ClusterNode c = cluster.start("c"); // knows all three; a and b do not know c yet
        awaitConnected(a, b);
        await().atMost(WAIT).until(() -> log.has("a#", "certificate identity \"c\" is not a member of cluster test")
                && log.has("b#", "certificate identity \"c\" is not a member of cluster test"));
        assertTrue(a.connected("c").isEmpty() && b.connected("c").isEmpty());

        a.addMember(cluster.spec.member("c"));
        awaitConnected(a, c);
        assertTrue(a.spec().isMember("c"));
        assertTrue(b.connected("c").isEmpty(), "b still refuses c");

        b.reload(cluster.dir.resolve("cluster.json"));
        awaitConnected(b, c);
        assertEquals(List.of("a", "b", "c"), b.spec().nodes().stream().map(ClusterSpec.Member::name).toList());
        Mailbox onC = c.node().newMailbox();
        c.node().names().register("on-c", onC.address());
        for (ClusterNode node : List.of(a, b)) {
            await().atMost(WAIT).until(() -> node.node().names().lookup("on-c").equals(Optional.of(onC.address())));
            node.node().send("on-c", "from " + node.id().name());
        }
        assertTrue(onC.receive(WAIT).isPresent() && onC.receive(WAIT).isPresent());
    }

    @Test
    void aRemovedMemberGoesDownAtOnceAndIsRefusedAfterwards() {
        cluster = new TestCluster(dir, "a", "b", "c");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        ClusterNode c = cluster.start("c");
        awaitConnected(a, b);
        awaitConnected(a, c);
        Mailbox onC = c.node().newMailbox();
        c.node().names().register("on-c", onC.address());
        await().atMost(WAIT).until(() -> a.node().names().lookup("on-c").isPresent());
        log = LogCapture.of("io.jreign.cluster");
        try (Mailbox watcher = a.node().newMailbox(); Mailbox events = a.node().newMailbox()) {
            a.node().monitorNodes(events.address());
            Address remote = a.node().bind(onC.address());
            remote.onCloseNotify(watcher.address());
            await().atMost(WAIT).until(() -> LinksAndNodeLossTest.watchesOnB(c) == 1);
            long refusedBefore = a.stats().refusedConnections();

            a.removeMember("c");
            assertEquals(new CloseNotification(remote, Reason.NO_CONNECTION), watcher.receive(CloseNotification.class, WAIT).orElseThrow());
            assertEquals(new NodeEvent.Down(c.id(), Reason.NO_CONNECTION), events.receive(NodeEvent.class, WAIT).orElseThrow());
            assertEquals(List.of(), a.node().names().lookupAll("on-c"), "its names went with it");
            assertTrue(a.connected("c").isEmpty());
            assertTrue(!a.spec().isMember("c"));

            // c keeps dialling (a is still a member for c) and is refused, with the check logged on both sides
            await().atMost(WAIT).until(() -> a.stats().refusedConnections() >= refusedBefore + 2);
            assertTrue(log.has("a#", "refused connection from 127.0.0.1:", "certificate identity \"c\" is not a member of cluster test"),
                    log.lines().toString());
            await().atMost(WAIT).until(() -> log.has("c#", "refused by the peer: certificate identity \"c\" is not a member"));
            assertTrue(a.connected("c").isEmpty(), "still refused");
            assertEquals(Optional.empty(), events.tryReceive(), "no Up for c");

            long unroutable = a.node().stats().droppedUnroutable();
            remote.send("to a former member");
            assertEquals(unroutable + 1, a.node().stats().droppedUnroutable());
            try (Mailbox onB = b.node().newMailbox()) {
                a.node().bind(onB.address()).send("b is unharmed");
                assertEquals("b is unharmed", onB.receive(WAIT).orElseThrow());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> a.removeMember("a"), "not itself");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> a.removeMember("c"));
        assertTrue(unknown.getMessage().contains("no node named \"c\""), unknown.getMessage());
    }

    @Test
    void addingATakenNameOrAddressIsRefusedNamingTheField() {
        cluster = new TestCluster(dir, "a", "b");
        ClusterNode a = cluster.start("a");
        ClusterSpec.Member b = cluster.spec.member("b");
        ClusterSpecException sameName = assertThrows(ClusterSpecException.class, () -> a.addMember(b));
        assertEquals("nodes[2].name", sameName.field());
        ClusterSpec.Member sameAddress = new ClusterSpec.Member("d", b.advertise(), b.listen(), b.certificate(), b.key());
        assertEquals("nodes[2].advertise", assertThrows(ClusterSpecException.class, () -> a.addMember(sameAddress)).field());
        ClusterSpec.Member badName = new ClusterSpec.Member("no good", new ClusterSpec.Endpoint("127.0.0.1", 1),
                b.listen(), b.certificate(), b.key());
        assertEquals("nodes[2].name", assertThrows(ClusterSpecException.class, () -> a.addMember(badName)).field());
        assertEquals(2, a.spec().nodes().size(), "nothing added");
    }

    @Test
    void aReloadThatChangesWhatCannotChangeIsRefusedWholeAndAppliesNothing() throws Exception {
        cluster = new TestCluster(dir, "a", "b", "c");
        ClusterSpec ab = cluster.spec("ab.json", "a", "b");
        ClusterNode a = cluster.start(ab, "a");
        ClusterNode b = cluster.start(ab, "b");
        awaitConnected(a, b);

        ClusterSpecException self = assertThrows(ClusterSpecException.class, () -> a.reload(cluster.spec("bc.json", "b", "c")));
        assertEquals("nodes", self.field());
        ClusterSpec moved = ClusterSpec.parse(Files.readString(dir.resolve("ab.json"))
                .replace("\"listen\": \"127.0.0.1:" + cluster.port("a"), "\"listen\": \"0.0.0.0:" + cluster.port("a")), dir);
        assertEquals("nodes[0]", assertThrows(ClusterSpecException.class, () -> a.reload(moved)).field());

        cluster.timeouts("""
                {"heartbeatInterval": "300ms", "heartbeatTimeout": "10s"}"""); // and c is in it
        ClusterSpecException timeouts = assertThrows(ClusterSpecException.class, () -> a.reload(cluster.spec));
        assertEquals("timeouts", timeouts.field());
        assertTrue(timeouts.getMessage().contains("cannot change while the node runs"), timeouts.getMessage());
        assertTrue(!a.spec().isMember("c"), "c was not added");
        assertEquals(ab, a.spec());
        assertTrue(a.connected("b").isPresent());
    }

    @Test
    void aMemberWhoseAddressMovedIsDialledAtTheNewOne() throws Exception {
        cluster = new TestCluster(dir, "a", "b", "c");
        cluster.timeouts("""
                {"heartbeatInterval": "200ms", "heartbeatTimeout": "10s", "reconnectMin": "20ms", "reconnectMax": "100ms"}""");
        ClusterSpec ac = cluster.spec("ac.json", "a", "c");
        ClusterNode a = cluster.start(ac, "a"); // c never runs: a keeps dialling it
        int elsewhere = TestCluster.freePort();
        try (RawListener there = RawListener.listen(elsewhere, TestPki.node(cluster.ca, "c"))) {
            String moved = Files.readString(dir.resolve("ac.json"))
                    .replace("\"advertise\": \"127.0.0.1:" + cluster.port("c"), "\"advertise\": \"127.0.0.1:" + elsewhere);
            a.reload(ClusterSpec.parse(moved, dir));
            await().atMost(WAIT).until(() -> there.accepted.get() > 0);
            assertEquals(new ClusterSpec.Endpoint("127.0.0.1", elsewhere), a.spec().member("c").advertise());
        }
    }

    @Test
    void threeHundredMembersAreFine() {
        String[] names = IntStream.range(0, 300).mapToObj(i -> "n%03d".formatted(i)).toArray(String[]::new);
        cluster = new TestCluster(dir, names);
        cluster.timeouts("""
                {"heartbeatInterval": "200ms", "heartbeatTimeout": "10s", "reconnectMin": "2s", "reconnectMax": "10s"}""");
        assertEquals(300, cluster.spec.nodes().size());
        ClusterNode first = cluster.start("n000");
        ClusterNode last = cluster.start("n299");
        awaitConnected(first, last);
        assertEquals(300, first.spec().nodes().size());
        Mailbox holder = last.node().newMailbox();
        last.node().names().register("on-299", holder.address());
        await().atMost(WAIT).until(() -> first.node().names().lookup("on-299").equals(Optional.of(holder.address())));
        first.node().send("on-299", "hello");
        assertEquals(Optional.of("hello"), holder.receive(String.class, WAIT));
        assertEquals(1, first.stats().connectedPeers());

        first.addMember(new ClusterSpec.Member("n300", new ClusterSpec.Endpoint("127.0.0.1", cluster.unusedPort()),
                new ClusterSpec.Endpoint("127.0.0.1", 0), dir.resolve("n300.pem"), dir.resolve("n300.key")));
        assertEquals(301, first.spec().nodes().size());
        first.removeMember("n150");
        assertEquals(300, first.spec().nodes().size());
        assertTrue(first.connected("n299").isPresent());
    }
}
