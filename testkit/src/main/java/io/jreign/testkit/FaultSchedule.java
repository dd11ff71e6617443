package io.jreign.testkit;

import io.jreign.testkit.property.Gen;
import io.jreign.testkit.property.PropertyFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Network faults at points of virtual time, to apply to a {@link Simulation}. Generated from a
 * seed by {@link #gen}, shrunk by the property engine, and printed as a script you can read:
 *
 * <pre>
 * at 1.250s partition a b
 * at 4.100s drop a->c 0.30
 * at 30.000s heal all
 * </pre>
 *
 * @param faults the faults, in time order
 */
public record FaultSchedule(List<Fault> faults) implements PropertyFailure.Script {

    public FaultSchedule {
        faults = faults.stream().sorted(Comparator.comparing(Fault::at)).toList();
    }

    /** One fault at one instant. */
    public sealed interface Fault {
        Duration at();

        void apply(SimNetwork network);

        String describe();
    }

    public record Partition(Duration at, String a, String b) implements Fault {
        public void apply(SimNetwork network) {
            network.partition(a, b);
        }

        public String describe() {
            return "partition " + a + " " + b;
        }
    }

    public record OneWay(Duration at, String from, String to) implements Fault {
        public void apply(SimNetwork network) {
            network.partitionOneWay(from, to);
        }

        public String describe() {
            return "cut " + from + "->" + to;
        }
    }

    public record Heal(Duration at, String a, String b) implements Fault {
        public void apply(SimNetwork network) {
            network.heal(a, b);
        }

        public String describe() {
            return "heal " + a + " " + b;
        }
    }

    public record HealAll(Duration at) implements Fault {
        public void apply(SimNetwork network) {
            network.healAll();
            for (String a : network.memberNames()) {
                for (String b : network.memberNames()) {
                    if (a.compareTo(b) < 0) {
                        network.drop(a, b, 0);
                        network.drop(b, a, 0);
                    }
                }
            }
        }

        public String describe() {
            return "heal all";
        }
    }

    public record Drop(Duration at, String from, String to, double probability) implements Fault {
        public void apply(SimNetwork network) {
            network.drop(from, to, probability);
        }

        public String describe() {
            return String.format("drop %s->%s %.2f", from, to, probability);
        }
    }

    public record Delay(Duration at, String from, String to, Duration min, Duration max) implements Fault {
        public void apply(SimNetwork network) {
            network.delay(from, to, min, max);
        }

        public String describe() {
            return "delay " + from + "->" + to + " " + min.toMillis() + ".." + max.toMillis() + "ms";
        }
    }

    /** Schedules every fault on {@code sim}'s clock, relative to now. */
    public void applyTo(Simulation sim) {
        for (Fault fault : faults) {
            sim.clock().schedule(fault.at(), () -> fault.apply(sim.network()));
        }
    }

    /**
     * Schedules of up to {@code maxFaults} faults among {@code nodes} within {@code horizon},
     * ending with every link healed at the horizon (so properties can check recovery).
     */
    public static Gen<FaultSchedule> gen(List<String> nodes, Duration horizon, int maxFaults) {
        if (nodes.size() < 2) {
            throw new IllegalArgumentException("a fault schedule needs two nodes or more: " + nodes);
        }
        Gen<String> node = Gen.oneOf(nodes.toArray(String[]::new));
        Gen<Duration> when = Gen.durations(Duration.ZERO, horizon);
        Gen<Fault> fault = choices -> {
            Duration at = when.generate(choices);
            String a = node.generate(choices);
            String b = otherThan(nodes, a, (int) choices.draw(nodes.size() - 1));
            return switch ((int) choices.draw(5)) {
                case 0 -> new Partition(at, a, b);
                case 1 -> new Heal(at, a, b);
                case 2 -> new OneWay(at, a, b);
                case 3 -> new Drop(at, a, b, Gen.ints(1, 10).generate(choices) / 10.0);
                default -> {
                    Duration min = Gen.durations(Duration.ZERO, Duration.ofMillis(200)).generate(choices);
                    yield new Delay(at, a, b, min, min.plus(Gen.durations(Duration.ZERO, Duration.ofMillis(500)).generate(choices)));
                }
            };
        };
        return Gen.listOf(fault, 0, maxFaults).map(list -> {
            List<Fault> all = new ArrayList<>(list);
            all.add(new HealAll(horizon));
            return new FaultSchedule(all);
        });
    }

    private static String otherThan(List<String> nodes, String taken, int index) {
        List<String> others = nodes.stream().filter(n -> !n.equals(taken)).toList();
        return others.get(index % others.size());
    }

    @Override
    public String toScript() {
        return faults.stream()
                .map(f -> String.format("at %d.%03ds %s", f.at().toSeconds(), f.at().toMillisPart(), f.describe()))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return "FaultSchedule[" + toScript().replace('\n', ';') + ']';
    }
}
