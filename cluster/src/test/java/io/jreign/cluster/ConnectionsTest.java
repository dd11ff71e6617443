package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One connection per pair however the dials cross; a cut connection is a node loss, then a reconnect. */
class ConnectionsTest {
    @TempDir
    Path dir;

    @Test
    void nodesStartedAtOnceSettleOnOneConnectionPerPair() throws Exception {
        for (int round = 0; round < 4; round++) {
            Path roundDir = dir.resolve("round" + round);
            java.nio.file.Files.createDirectories(roundDir);
            try (TestCluster cluster = new TestCluster(roundDir, "a", "b", "c")) {
                Map<String, ClusterNode> nodes = new ConcurrentHashMap<>();
                List<Thread> starters = new ArrayList<>();
                for (String name : List.of("c", "b", "a")) {
                    starters.add(Thread.ofVirtual().start(() -> nodes.put(name, cluster.start(name))));
                }
                for (Thread starter : starters) {
                    starter.join();
                }
                ClusterNode a = nodes.get("a");
                ClusterNode b = nodes.get("b");
                ClusterNode c = nodes.get("c");
                awaitConnected(a, b);
                awaitConnected(b, c);
                awaitConnected(a, c);
                for (ClusterNode node : List.of(a, b, c)) {
                    await().atMost(WAIT).until(() -> node.stats().openConnections() == 2);
                }
                // and it carries traffic both ways on every pair
                for (ClusterNode from : List.of(a, b, c)) {
                    for (ClusterNode to : List.of(a, b, c)) {
                        if (from != to) {
                            try (Mailbox inbox = to.node().newMailbox()) {
                                from.node().bind(inbox.address()).send(from.id().name());
                                assertEquals(from.id().name(), inbox.receive(WAIT).orElseThrow());
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aCutConnectionIsANodeLossFollowedByAReconnectToTheSameRun() {
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            ClusterNode a = cluster.start("a");
            ClusterNode b = cluster.start("b");
            awaitConnected(a, b);
            Mailbox target = b.node().newMailbox();
            try (Mailbox watcher = a.node().newMailbox(); Mailbox events = a.node().newMailbox()) {
                a.node().monitorNodes(events.address());
                Address remote = a.node().bind(target.address());
                remote.onCloseNotify(watcher.address());
                await().atMost(WAIT).until(() -> b.stats().connectedPeers() == 1);

                b.transport().cutConnection("a");

                assertEquals(new CloseNotification(remote, Reason.NO_CONNECTION),
                        watcher.receive(CloseNotification.class, WAIT).orElseThrow());
                assertEquals(new NodeEvent.Down(b.id(), Reason.NO_CONNECTION), events.receive(NodeEvent.class, WAIT).orElseThrow());
                assertEquals(new NodeEvent.Up(b.id()), events.receive(NodeEvent.class, WAIT).orElseThrow());
                awaitConnected(a, b);
                remote.send("after the cut");
                assertEquals("after the cut", target.receive(WAIT).orElseThrow(), "the mailbox outlived the connection");
                remote.onCloseNotify(watcher.address());
                await().atMost(WAIT).until(() -> LinksAndNodeLossTest.watchesOnB(b) == 1); // else: NO_PROC, rightly
                target.close("later");
                assertEquals(new CloseNotification(remote, "later"), watcher.receive(CloseNotification.class, WAIT).orElseThrow());
            }
        }
    }
}
