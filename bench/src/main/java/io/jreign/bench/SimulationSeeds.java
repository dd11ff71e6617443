package io.jreign.bench;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.testkit.FaultSchedule;
import io.jreign.testkit.Simulation;
import io.jreign.testkit.property.Choices;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many seeds of a simulated cluster scenario the testkit runs per minute (target: 1,000).
 * One op is one seed: three nodes with an echo server each, three clients making 20 cross-node
 * request/replies with timeouts, a generated schedule of up to four faults in the first two
 * virtual seconds, and five virtual seconds of run, then shutdown. No Erlang equivalent.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MINUTES)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class SimulationSeeds {
    record Ping(Address from, int n) implements Serializable {}

    record Pong(int n) implements Serializable {}

    private long seed;

    @Benchmark
    public long threeNodesWithFaults() {
        return scenario(seed++);
    }

    /** Runs one seed of the scenario and returns its trace hash. */
    static long scenario(long seed) {
        try (Simulation sim = Simulation.seeded(seed)) {
            List<Node> nodes = List.of(sim.node("a"), sim.node("b"), sim.node("c"));
            List<Address> servers = new ArrayList<>();
            for (Node node : nodes) {
                servers.add(node.spawn(self -> {
                    while (true) {
                        if (self.receive() instanceof Ping(Address from, int n)) {
                            from.send(new Pong(n));
                        }
                    }
                }));
            }
            FaultSchedule.gen(List.of("a", "b", "c"), Duration.ofSeconds(2), 4)
                    .generate(Choices.from(Entropy.seeded(seed).split("fault schedule")))
                    .applyTo(sim);
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                Address server = node.bind(servers.get((i + 1) % servers.size()));
                node.spawn(self -> {
                    for (int n = 0; n < 20; n++) {
                        server.send(new Ping(self.address(), n));
                        self.receive(Pong.class, Duration.ofMillis(500));
                    }
                });
            }
            sim.runFor(Duration.ofSeconds(5));
            return sim.traceHash();
        }
    }
}
