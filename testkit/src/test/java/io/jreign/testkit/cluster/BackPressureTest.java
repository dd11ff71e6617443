package io.jreign.testkit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.ClusterNode;
import io.jreign.cluster.ClusterSpec;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.testkit.FaultSchedule;
import io.jreign.testkit.SimCluster;
import io.jreign.testkit.Simulation;
import io.jreign.testkit.SimulationTest;
import io.jreign.testkit.check.Delivery;
import io.jreign.testkit.check.MessageChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Back-pressure of the cluster's bounded per-peer queue, over a clogged simulated link: a fast
 * sender blocks (through the scheduler seam, so the simulation sees it wait) instead of growing
 * memory, resumes on release, and everything arrives once, in order.
 */
class BackPressureTest {
    static final long QUEUE = 64 * 1024;
    static final int MESSAGES = 3_000;

    record Chunk(int sender, long seq, byte[] padding) {}

    @SimulationTest(seeds = 40, nodes = {"a", "b"}, horizonMillis = 3_000, maxFaults = 4)
    void aSenderToACloggedPeerWaitsAndResumesWithNothingLost(Simulation sim, FaultSchedule faults) {
        SimCluster cluster = sim.cluster("a", "b")
                .register(Chunk.class)
                .limits(new ClusterSpec.Limits(16 * 1024, QUEUE));
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        sim.runFor(Duration.ofSeconds(1));
        // Delays only: the connection must last (a cut would lose what was in flight, by design).
        new FaultSchedule(faults.faults().stream().filter(f -> f instanceof FaultSchedule.Delay).toList()).applyTo(sim);
        sim.run(() -> {
            Mailbox receiver = b.node().newMailbox();
            Address target = a.node().bind(receiver.address());
            int size = 600 + (int) sim.workload().nextLong(800); // 1.8 to 4.2 MB in all: more than the link holds
            long clogAt = sim.workload().nextLong(50);
            long[] sentCount = {0};
            long[] maxQueued = {0};
            boolean[] done = {false};
            a.node().spawn(self -> {
                for (int i = 0; i < MESSAGES; i++) {
                    if (i == clogAt) {
                        sim.network().clog("a", "b");
                    }
                    target.send(new Chunk(0, i, new byte[size]));
                    sentCount[0] = i + 1;
                    maxQueued[0] = Math.max(maxQueued[0], a.stats().queuedBytes());
                }
                done[0] = true;
            });
            Mailbox timer = a.node().newMailbox();
            timer.receive(m -> false, Duration.ofMillis(1_000 + sim.workload().nextLong(2_000)));
            assertTrue(!done[0], "the sender waits while the link is clogged");
            long sentWhileClogged = sentCount[0] - clogAt;
            assertTrue(sentWhileClogged * size <= QUEUE + 2L * 1024 * 1024, "sends while clogged are bounded: " + sentWhileClogged);
            sim.network().release("a", "b");
            List<Delivery> received = new ArrayList<>();
            while (received.size() < MESSAGES) {
                Chunk chunk = receiver.receive(Chunk.class, Duration.ofSeconds(20)).orElseThrow(
                        () -> new AssertionError("only " + received.size() + " of " + MESSAGES + " arrived"));
                received.add(new Delivery(chunk.sender(), "b", chunk.seq()));
            }
            assertTrue(done[0], "the sender finished after the release");
            assertTrue(maxQueued[0] <= QUEUE, "the queue stayed within its bound: " + maxQueued[0]);
            List<Delivery> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(new Delivery(0, "b", i));
            }
            MessageChecks.fifoPerPair(received);
            MessageChecks.noDuplicates(received);
            MessageChecks.noLoss(sent, received);
            assertEquals(0, a.stats().droppedQueueFull());
        });
    }
}
