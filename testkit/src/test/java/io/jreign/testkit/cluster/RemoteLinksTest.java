package io.jreign.testkit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.ClusterNode;
import io.jreign.mailbox.Mailbox;
import io.jreign.testkit.FaultSchedule;
import io.jreign.testkit.SimCluster;
import io.jreign.testkit.Simulation;
import io.jreign.testkit.SimulationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Remote watches over the real cluster code under partitions, one-way cuts and delays: every watch
 * fires exactly once, with the target's own reason while its node stays connected and
 * {@code NO_CONNECTION} once the connection is lost (the cluster's heartbeats detect the cuts).
 */
class RemoteLinksTest {
    static final Duration HORIZON = Duration.ofSeconds(15);

    @SimulationTest(seeds = 60, nodes = {"a", "b", "c"}, horizonMillis = 15_000, maxFaults = 4)
    void everyWatchFiresExactlyOnceWithTheRightReason(Simulation sim, FaultSchedule faults) {
        scenario(sim, faults);
    }

    @Test
    void theSameSeedAndFaultsReplayTheSameTrace() {
        FaultSchedule faults = new FaultSchedule(List.of(
                new FaultSchedule.Partition(Duration.ofSeconds(2), "a", "b"),
                new FaultSchedule.OneWay(Duration.ofSeconds(3), "c", "a"),
                new FaultSchedule.Delay(Duration.ofSeconds(4), "b", "c", Duration.ofMillis(5), Duration.ofMillis(300)),
                new FaultSchedule.HealAll(HORIZON)));
        long[] hashes = new long[2];
        for (int i = 0; i < 2; i++) {
            try (Simulation sim = Simulation.seeded(42)) {
                WatchLog log = scenario(sim, faults);
                assertTrue(log.downs().size() >= 2, "the cuts outlasted the heartbeat timeout: " + log.downs());
                hashes[i] = sim.traceHash();
            }
        }
        assertEquals(hashes[0], hashes[1]);
    }

    static WatchLog scenario(Simulation sim, FaultSchedule faults) {
        SimCluster cluster = sim.cluster("a", "b", "c");
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        ClusterNode c = cluster.start("c");
        sim.runFor(Duration.ofSeconds(1));
        assertTrue(a.connected("b").isPresent() && a.connected("c").isPresent(), "a is connected to b and c");
        faults.applyTo(sim);
        return sim.call(() -> {
            WatchLog log = new WatchLog(sim, a.node().newMailbox());
            a.node().monitorNodes(log.watcher().address());
            List<Mailbox> targets = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Mailbox target = (i % 2 == 0 ? b : c).node().newMailbox();
                a.node().bind(target.address()).onCloseNotify(log.watcher().address());
                log.watched(target.address());
                targets.add(target);
            }
            for (int i = 0; i < targets.size(); i++) {
                log.collect(Duration.ofMillis(sim.workload().nextLong(HORIZON.toMillis() / targets.size() + 1)));
                Object reason = "done-" + i;
                targets.get(i).close(reason);
                log.closed(targets.get(i).address(), reason);
            }
            log.collect(HORIZON.plusSeconds(15)); // past the final heal, the heartbeat timeout and a reconnect
            log.check();
            return log;
        });
    }
}
