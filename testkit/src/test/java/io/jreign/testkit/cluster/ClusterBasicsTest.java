package io.jreign.testkit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.ClusterNode;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.testkit.Probe;
import io.jreign.testkit.SimCluster;
import io.jreign.testkit.Simulation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real cluster code runs over the simulated network: members connect over TLS and talk, deterministically. */
class ClusterBasicsTest {
    record Ping(Address from, int n) {}

    record Pong(int n) {}

    @Test
    void membersConnectOverSimulatedTlsAndExchangeMessages() {
        try (Simulation sim = Simulation.seeded(3)) {
            long elapsed = exchange(sim);
            assertTrue(elapsed < Duration.ofSeconds(1).toNanos(), "connected and answered within a virtual second: " + elapsed);
        }
    }

    @Test
    void theSameSeedReplaysTheSameTrace() {
        long first;
        long events;
        try (Simulation sim = Simulation.seeded(11)) {
            exchange(sim);
            first = sim.traceHash();
            events = sim.traceEvents();
        }
        try (Simulation sim = Simulation.seeded(11)) {
            exchange(sim);
            assertEquals(events, sim.traceEvents());
            assertEquals(first, sim.traceHash());
        }
    }

    private static long exchange(Simulation sim) {
        SimCluster cluster = sim.cluster("a", "b").register(Ping.class, Pong.class);
        ClusterNode a = cluster.start("a");
        ClusterNode b = cluster.start("b");
        Address echo = b.node().spawn(self -> {
            while (true) {
                Ping ping = (Ping) self.receive();
                ping.from().send(new Pong(ping.n()));
            }
        });
        return sim.call(() -> {
            Probe probe = sim.probe(a.node());
            long start = sim.clock().nanoTime();
            for (int n = 0; n < 5; n++) {
                a.node().bind(echo).send(new Ping(probe.address(), n));
                probe.expectMessage(new Pong(n), Duration.ofSeconds(10));
            }
            assertTrue(a.connected("b").isPresent());
            assertEquals(b.id(), a.connected("b").orElseThrow());
            return sim.clock().nanoTime() - start;
        });
    }
}
