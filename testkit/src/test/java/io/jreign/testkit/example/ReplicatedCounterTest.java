package io.jreign.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import io.jreign.testkit.FaultSchedule;
import io.jreign.testkit.Probe;
import io.jreign.testkit.Simulation;
import io.jreign.testkit.SimulationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The replicated counter converges under any generated partition schedule, on every seed. */
class ReplicatedCounterTest {

    @SimulationTest(seeds = 40, nodes = {"a", "b", "c"}, horizonMillis = 20_000)
    void everyReplicaConvergesAfterTheNetworkHeals(Simulation sim, FaultSchedule faults) {
        Map<String, Node> nodes = new TreeMap<>();
        Map<String, Address> counters = new TreeMap<>();
        for (String name : List.of("a", "b", "c")) {
            Node node = sim.node(name);
            nodes.put(name, node);
            counters.put(name, ReplicatedCounter.start(node));
        }
        for (String name : counters.keySet()) {
            Node node = nodes.get(name);
            List<Address> peers = new ArrayList<>();
            counters.forEach((other, address) -> {
                if (!other.equals(name)) {
                    peers.add(node.bind(address));
                }
            });
            counters.get(name).send(new ReplicatedCounter.Peers(peers));
        }
        faults.applyTo(sim);
        long increments = 30 + sim.workload().nextLong(30);
        sim.run(() -> {
            Probe timer = sim.probe(nodes.get("a"));
            for (long i = 0; i < increments; i++) {
                String at = List.of("a", "b", "c").get((int) sim.workload().nextLong(3));
                counters.get(at).send(new ReplicatedCounter.Increment()); // local: never lost
                timer.mailbox().receive(m -> false, Duration.ofMillis(sim.workload().nextLong(700)));
            }
        });
        sim.runFor(Duration.ofSeconds(25)); // past the horizon, where every link heals, and then some
        sim.run(() -> {
            for (String name : counters.keySet()) {
                Probe client = sim.probe(nodes.get(name));
                counters.get(name).send(new ReplicatedCounter.Get(client.address()));
                assertEquals(new ReplicatedCounter.Value(increments),
                        client.expectMessage(ReplicatedCounter.Value.class, Duration.ofSeconds(1)), "replica " + name);
            }
        });
    }
}
