package io.jreign.testkit.cluster;

import io.jreign.cluster.ClusterNode;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import io.jreign.testkit.FaultSchedule;
import io.jreign.testkit.SimCluster;
import io.jreign.testkit.Simulation;
import io.jreign.testkit.SimulationTest;
import io.jreign.testkit.check.NameChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The cluster's names registry (full sync per connection, then ordered changes) converges after any fault schedule heals. */
class ClusterNamesTest {
    private static final List<String> NODES = List.of("a", "b", "c");

    @SimulationTest(seeds = 40, nodes = {"a", "b", "c"}, horizonMillis = 12_000, maxFaults = 5)
    void claimsChurningDuringPartitionsConvergeAfterHeal(Simulation sim, FaultSchedule faults) {
        SimCluster cluster = sim.cluster(NODES.toArray(String[]::new));
        List<Node> nodes = new ArrayList<>();
        for (String name : NODES) {
            ClusterNode member = cluster.start(name);
            nodes.add(member.node());
        }
        faults.applyTo(sim);
        sim.run(() -> {
            List<Mailbox> open = new ArrayList<>();
            Mailbox timer = nodes.getFirst().newMailbox();
            for (int op = 0; op < 40; op++) {
                Node at = nodes.get((int) sim.workload().nextLong(nodes.size()));
                String name = "n" + sim.workload().nextLong(5);
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
                        Node owner = nodes.stream().filter(n -> n.id().equals(victim.address().node())).findFirst().orElseThrow();
                        owner.names().unregister(name, victim.address());
                        open.add(victim);
                    }
                }
                timer.receive(m -> false, Duration.ofMillis(sim.workload().nextLong(600)));
            }
        });
        sim.runFor(Duration.ofSeconds(25)); // past the final heal, heartbeat timeouts and reconnect backoff
        NameChecks.converged(nodes);
    }
}
