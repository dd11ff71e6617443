package io.jreign.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import io.jreign.testkit.check.NameChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The names registry shared over the simulated network converges after any fault schedule heals. */
class NamesUnderFaultsTest {
    private static final List<String> NODES = List.of("a", "b", "c");

    @SimulationTest(seeds = 60, nodes = {"a", "b", "c"}, horizonMillis = 20_000)
    void registriesConvergeAfterTheNetworkHeals(Simulation sim, FaultSchedule faults) {
        Map<String, Node> nodes = new TreeMap<>();
        NODES.forEach(name -> nodes.put(name, sim.node(name)));
        faults.applyTo(sim);
        sim.run(() -> {
            List<Mailbox> open = new ArrayList<>();
            Probe timer = sim.probe(nodes.get("a"));
            for (int op = 0; op < 60; op++) {
                Node at = nodes.get(NODES.get((int) sim.workload().nextLong(NODES.size())));
                String name = "n" + sim.workload().nextLong(6);
                long choice = sim.workload().nextLong(4);
                if (choice < 2 || open.isEmpty()) {
                    Mailbox mailbox = at.newMailbox();
                    at.names().register(name, mailbox.address());
                    open.add(mailbox);
                } else {
                    Mailbox victim = open.remove((int) sim.workload().nextLong(open.size()));
                    if (choice == 2) {
                        victim.close(); // releases every name it held
                    } else {
                        Node owner = nodes.get(victim.address().node().name());
                        owner.names().unregister(name, victim.address()); // it may not hold this one
                        open.add(victim);
                    }
                }
                timer.mailbox().receive(m -> false, Duration.ofMillis(sim.workload().nextLong(600)));
            }
        });
        sim.runFor(Duration.ofSeconds(25)); // past the horizon, where every link heals, and then some
        NameChecks.converged(nodes.values());
    }

    @Test
    void aCrashedNodesClaimsGoAndItsNextRunClaimsAgain() {
        try (Simulation sim = Simulation.seeded(7)) {
            Node a = sim.node("a");
            Node b = sim.node("b");
            Address first = b.spawn("svc", self -> self.receive());
            sim.runFor(Duration.ofSeconds(1));
            assertEquals(Optional.of(first), a.names().lookup("svc"));

            sim.crash("b");
            sim.runFor(Duration.ofSeconds(1));
            assertEquals(Optional.empty(), a.names().lookup("svc"));

            Node again = sim.restart("b");
            Address second = again.spawn("svc", self -> self.receive());
            sim.runFor(Duration.ofSeconds(1));
            assertEquals(Optional.of(second), a.names().lookup("svc"));
            NameChecks.converged(List.of(a, again));
        }
    }

    @Test
    void theCheckerNamesANodeThatHasNotConverged() {
        try (Simulation sim = Simulation.seeded(8)) {
            Node a = sim.node("a");
            Node b = sim.node("b");
            sim.network().clog("b", "a");
            Mailbox held = b.newMailbox();
            b.names().register("late", held.address());
            sim.runFor(Duration.ofSeconds(1));
            AssertionError error = assertThrows(AssertionError.class, () -> NameChecks.converged(List.of(a, b)));
            assertEquals(true, error.getMessage().contains("node " + a.id() + " sees []"), error.getMessage());
            sim.network().release("b", "a");
            sim.runFor(Duration.ofSeconds(1));
            NameChecks.converged(List.of(a, b));
        }
    }
}
