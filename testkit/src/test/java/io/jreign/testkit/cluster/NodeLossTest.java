package io.jreign.testkit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.ClusterNode;
import io.jreign.cluster.ClusterSpec;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Reason;
import io.jreign.testkit.FaultSchedule;
import io.jreign.testkit.SimCluster;
import io.jreign.testkit.Simulation;
import io.jreign.testkit.SimulationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A crashed cluster node: watchers on the others learn of it within the heartbeat timeout (its
 * connections reset, or, across a cut, the heartbeats fall silent), exactly once; its restart is
 * a new incarnation the others connect to.
 */
class NodeLossTest {
    static final ClusterSpec.Timeouts TIMEOUTS = ClusterSpec.Timeouts.DEFAULTS;
    /** A silent peer is declared down at the first heartbeat tick past the timeout; plus the longest link delay faults draw. */
    static final Duration DETECTION = TIMEOUTS.heartbeatTimeout().plus(TIMEOUTS.heartbeatInterval()).plusMillis(700);

    @SimulationTest(seeds = 30, nodes = {"a", "b", "c"}, horizonMillis = 10_000, maxFaults = 3)
    void watchersLearnOfACrashWithinTheHeartbeatTimeout(Simulation sim, FaultSchedule faults) {
        SimCluster cluster = sim.cluster("a", "b", "c");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        cluster.start("c");
        sim.runFor(Duration.ofSeconds(1));
        faults.applyTo(sim);
        sim.run(() -> {
            WatchLog log = new WatchLog(sim, a.node().newMailbox());
            a.node().monitorNodes(log.watcher().address());
            Mailbox target = b.node().newMailbox();
            a.node().bind(target.address()).onCloseNotify(log.watcher().address());
            log.watched(target.address());
            log.collect(Duration.ofMillis(sim.workload().nextLong(10_000)));
            long crashedAt = sim.clock().nanoTime();
            sim.crash("b");
            log.collect(Duration.ofSeconds(25)); // past the final heal
            log.check();
            WatchLog.Note note = log.notes().getFirst();
            assertEquals(Reason.NO_CONNECTION, note.reason());
            assertTrue(note.at() - crashedAt <= DETECTION.toNanos(), "notified " + Duration.ofNanos(note.at() - crashedAt)
                    + " after the crash, more than " + DETECTION);

            ClusterNode again = cluster.start("b");
            log.collect(Duration.ofSeconds(12)); // a redials with backoff of at most reconnectMax
            assertEquals(again.id(), a.connected("b").orElseThrow());
        });
    }

    @Test
    void acrossACutOnlyTheHeartbeatsTellAndTheyTellInTime() {
        try (Simulation sim = Simulation.seeded(5)) {
            SimCluster cluster = sim.cluster("a", "b");
            ClusterNode a = cluster.start("a");
            ClusterNode b = cluster.start("b");
            sim.runFor(Duration.ofSeconds(1));
            sim.run(() -> {
                WatchLog log = new WatchLog(sim, a.node().newMailbox());
                a.node().monitorNodes(log.watcher().address());
                Mailbox target = b.node().newMailbox();
                a.node().bind(target.address()).onCloseNotify(log.watcher().address());
                log.watched(target.address());
                log.collect(Duration.ofMillis(100));
                sim.network().partition("a", "b"); // the reset of the crash cannot reach a
                long crashedAt = sim.clock().nanoTime();
                sim.crash("b");
                log.collect(TIMEOUTS.heartbeatTimeout().minusMillis(100));
                assertTrue(log.notes().isEmpty(), "no notification before the heartbeat timeout: " + log.notes());
                log.collect(Duration.ofSeconds(5));
                log.check();
                long after = log.notes().getFirst().at() - crashedAt;
                assertTrue(after > TIMEOUTS.heartbeatTimeout().minusMillis(1000).toNanos() && after <= DETECTION.toNanos(),
                        "detected by heartbeats after " + Duration.ofNanos(after));
            });
        }
    }
}
