package io.jreign.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.Reason;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationScenarioTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    record Ping(Address from, int n) implements Serializable {}

    record Pong(int n) implements Serializable {}

    record NotSerializable(int n) {}

    static Address echo(Node node) {
        return node.spawn("echo", self -> {
            while (true) {
                if (self.receive() instanceof Ping(Address from, int n)) {
                    from.send(new Pong(n));
                }
            }
        });
    }

    @Test
    void virtualTimeMakesLongWaitsFree() {
        try (Simulation sim = Simulation.seeded(1)) {
            Node a = sim.node("a");
            long wall = System.nanoTime();
            sim.run(() -> sim.probe(a).expectNoMessage(Duration.ofMinutes(30)));
            assertTrue(System.nanoTime() - wall < Duration.ofSeconds(5).toNanos(), "30 virtual minutes took wall time");
            assertTrue(sim.clock().elapsed().compareTo(Duration.ofMinutes(30)) >= 0);
        }
    }

    @Test
    void messagesCrossTheSimulatedNetworkAndRepliesComeBack() {
        try (Simulation sim = Simulation.seeded(2)) {
            Node a = sim.node("a");
            Node b = sim.node("b");
            Address server = echo(b);
            sim.run(() -> {
                Probe probe = sim.probe(a);
                Address remote = a.bind(server);
                for (int i = 0; i < 100; i++) {
                    remote.send(new Ping(probe.address(), i));
                }
                for (int i = 0; i < 100; i++) {
                    probe.expectMessage(new Pong(i), SECOND);
                }
            });
            assertEquals(200, sim.network().stats().delivered());
        }
    }

    @Test
    void theSameSeedReplaysTheSameRunAndAnotherSeedDoesNot() {
        long first = scenario(7);
        assertEquals(first, scenario(7));
        assertEquals(first, scenario(7));
        assertNotEquals(first, scenario(8));
    }

    /** Three nodes, concurrent clients, a partition and a heal: returns the trace hash. */
    private static long scenario(long seed) {
        try (Simulation sim = Simulation.seeded(seed)) {
            Node a = sim.node("a");
            Node b = sim.node("b");
            Node c = sim.node("c");
            Address server = echo(c);
            List<Address> clients = new ArrayList<>();
            for (Node node : List.of(a, b)) {
                Address remote = node.bind(server);
                for (int k = 0; k < 3; k++) {
                    clients.add(node.spawn(self -> {
                        for (int i = 0; i < 20; i++) {
                            remote.send(new Ping(self.address(), i));
                            self.receive(Pong.class, SECOND);
                        }
                    }));
                }
            }
            sim.network().delay("a", "c", Duration.ofMillis(1), Duration.ofMillis(20));
            sim.runFor(Duration.ofMillis(50));
            sim.network().partition("b", "c");
            sim.runFor(Duration.ofSeconds(10));
            sim.network().heal("b", "c");
            sim.runFor(Duration.ofSeconds(10));
            assertTrue(sim.traceEvents() > 100, "a scenario with substance");
            return sim.traceHash();
        }
    }

    @Test
    void aPartitionLastingPastDetectionFiresWatchesAndHealingReconnects() {
        try (Simulation sim = Simulation.seeded(3)) {
            sim.network().failureDetection(Duration.ofSeconds(3));
            Node a = sim.node("a");
            Node b = sim.node("b");
            Address server = echo(b);
            sim.run(() -> {
                Probe events = sim.probe(a);
                a.monitorNodes(events.address());
                Probe watcher = sim.probe(a);
                a.bind(server).onCloseNotify(watcher.address());
                sim.network().partition("a", "b");
                watcher.expectNoMessage(Duration.ofMillis(2_900)); // not yet: within detection time
                CloseNotification note = watcher.expectMessage(CloseNotification.class, SECOND);
                assertEquals(Reason.NO_CONNECTION, note.reason());
                assertEquals(b.id(), events.expectMessage(NodeEvent.Down.class, SECOND).node());
                sim.network().heal("a", "b");
                assertEquals(b.id(), events.expectMessage(NodeEvent.Up.class, SECOND).node());
                Probe client = sim.probe(a);
                a.bind(server).send(new Ping(client.address(), 1));
                client.expectMessage(new Pong(1), SECOND);
            });
        }
    }

    @Test
    void aOneWayPartitionBringsTheConnectionDownToo() {
        try (Simulation sim = Simulation.seeded(4)) {
            Node a = sim.node("a");
            sim.node("b");
            sim.run(() -> {
                Probe events = sim.probe(a);
                a.monitorNodes(events.address());
                sim.network().partitionOneWay("b", "a");
                events.expectMessage(NodeEvent.Down.class, Duration.ofSeconds(6));
            });
            assertTrue(!sim.network().connected("a", "b"));
        }
    }

    @Test
    void aCrashIsSeenAtOnceAndARestartIsANewIncarnation() {
        try (Simulation sim = Simulation.seeded(5)) {
            Node a = sim.node("a");
            Node b = sim.node("b");
            Address oldServer = echo(b);
            sim.run(() -> {
                Probe watcher = sim.probe(a);
                a.bind(oldServer).onCloseNotify(watcher.address());
                sim.crash("b");
                assertEquals(Reason.NO_CONNECTION, watcher.expectMessage(CloseNotification.class, Duration.ofMillis(1)).reason());
                Node b2 = sim.restart("b");
                assertNotEquals(b.id(), b2.id());
                Address newServer = echo(b2);
                Probe client = sim.probe(a);
                a.bind(oldServer).send(new Ping(client.address(), 1)); // the old run's address: dropped
                a.bind(newServer).send(new Ping(client.address(), 2));
                client.expectMessage(new Pong(2), SECOND);
                client.expectNoMessage(SECOND);
            });
        }
    }

    @Test
    void dropDuplicateDelayAndClogAreFaultsOnOneLink() {
        try (Simulation sim = Simulation.seeded(6)) {
            Node a = sim.node("a");
            Node b = sim.node("b");
            Address server = echo(b);
            sim.run(() -> {
                Probe probe = sim.probe(a);
                Address remote = a.bind(server);
                sim.network().drop("a", "b", 1.0);
                remote.send(new Ping(probe.address(), 0));
                probe.expectNoMessage(SECOND);
                sim.network().drop("a", "b", 0.0);
                sim.network().duplicate("a", "b", 1.0);
                remote.send(new Ping(probe.address(), 1));
                probe.expectMessage(new Pong(1), SECOND);
                probe.expectMessage(new Pong(1), SECOND);
                sim.network().duplicate("a", "b", 0.0);
                sim.network().delay("a", "b", Duration.ofMillis(100), Duration.ofMillis(900));
                for (int i = 2; i < 50; i++) {
                    remote.send(new Ping(probe.address(), i));
                }
                for (int i = 2; i < 50; i++) {
                    probe.expectMessage(new Pong(i), Duration.ofSeconds(2)); // order kept despite random delays
                }
                sim.network().clog("b", "a");
                remote.send(new Ping(probe.address(), 50));
                probe.expectNoMessage(Duration.ofSeconds(10));
                sim.network().release("b", "a");
                probe.expectMessage(new Pong(50), SECOND);
            });
            assertTrue(sim.network().stats().dropped() >= 1);
            assertTrue(sim.network().stats().duplicated() >= 1);
        }
    }

    @Test
    void aMessageThatCannotCrossFailsAtSendNamingItsClass() {
        try (Simulation sim = Simulation.seeded(9)) {
            Node a = sim.node("a");
            Node b = sim.node("b");
            Address server = echo(b);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sim.run(() -> a.bind(server).send(new NotSerializable(1))));
            assertTrue(e.getMessage().contains(NotSerializable.class.getName()), e.getMessage());
        }
    }

    @Test
    void aDeadlockIsReportedWithTheSeed() {
        try (Simulation sim = Simulation.seeded(10)) {
            Node a = sim.node("a");
            AssertionError e = assertThrows(AssertionError.class, () -> sim.run(() -> sim.probe(a).mailbox().receive()));
            assertTrue(e.getMessage().contains("seed 10") && e.getMessage().contains("deadlock"), e.getMessage());
        }
    }
}
