package io.jreign.bench.dist;

import io.jreign.bench.remote.Callers;
import io.jreign.bench.remote.Forked;
import io.jreign.bench.remote.OneWay;
import io.jreign.bench.remote.Results;
import io.jreign.bench.remote.Timing;
import java.util.List;
import java.util.Map;

/**
 * Java→erl throughput over the Erlang distribution (the round trip is {@link DistRoundTrip}'s):
 * <ul>
 *   <li>{@code java_to_erl_callers16}: {@value Callers#COUNT} Java processes calling
 *       {@code {echo, ErlNode}}, calls per second;</li>
 *   <li>{@code java_to_erl_hosted_callers16}: the same from a Java node with hosted processes,
 *       the callers started as its processes;</li>
 *   <li>{@code java_to_erl_oneway_small}, {@code java_to_erl_oneway_1k}: one Java process sending
 *       the atom {@code msg} / a 1,024-byte binary to the erl node's sink ({@link OneWay}),
 *       messages per second.</li>
 * </ul>
 * Each workload runs in a JVM (and erl node) of its own ({@link Forked}), as JMH forks per benchmark.
 */
public final class DistLoad {
    /** The workloads, each forked into a JVM of its own ({@link Forked}). */
    static final List<String> WORKLOADS = List.of("callers16", "callers16_hosted", "oneway_small", "oneway_1k");

    private DistLoad() {}

    /** Runs every workload in {@code mode} ({@link Timing#named}), each in a fresh JVM and erl node. */
    public static void run(String mode, Results results, Beams beams) {
        Forked.each(DistLoad.class, mode, WORKLOADS, Map.of(Beams.VARIABLE, beams.dir().toString()), results);
    }

    /** {@code DistLoad MODE WORKLOAD}: one workload, with {@value Beams#VARIABLE} naming the compiled beams. */
    public static void main(String[] args) {
        Timing timing = Timing.named(args[0]);
        Results results = new Results(System.out);
        try (Beams beams = Beams.locate(); DistPair pair = DistPair.start(beams, args[1].endsWith("_hosted"))) {
            switch (args[1]) {
                case "callers16" -> results.result("java_to_erl_callers16",
                        timing.medianRate(length -> Callers.rate(Callers.COUNT, length, i -> pair.caller())), "calls/s");
                case "callers16_hosted" -> results.result("java_to_erl_hosted_callers16", timing.medianRate(length ->
                        Callers.rate(Callers.COUNT, length, i -> pair.caller(), pair.java().node().scheduler()::start)), "calls/s");
                case "oneway_small" -> {
                    try (DistPair.Sink small = pair.sink(DistSink.MSG)) {
                        results.result("java_to_erl_oneway_small", timing.medianRate(length -> OneWay.rate(small, length)), "msgs/s");
                    }
                }
                case "oneway_1k" -> {
                    try (DistPair.Sink kilobyte = pair.sink(new byte[1024])) {
                        results.result("java_to_erl_oneway_1k", timing.medianRate(length -> OneWay.rate(kilobyte, length)), "msgs/s");
                    }
                }
                default -> throw new IllegalArgumentException("no workload " + args[1] + "; one of " + WORKLOADS);
            }
        }
        Forked.exit();
    }
}
