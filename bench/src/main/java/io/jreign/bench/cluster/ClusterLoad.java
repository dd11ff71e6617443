package io.jreign.bench.cluster;

import io.jreign.bench.cluster.ClusterMessages.Kilobyte;
import io.jreign.bench.cluster.ClusterMessages.Small;
import io.jreign.bench.remote.Callers;
import io.jreign.bench.remote.Forked;
import io.jreign.bench.remote.OneWay;
import io.jreign.bench.remote.Results;
import io.jreign.bench.remote.Timing;
import java.util.List;
import java.util.Map;

/**
 * The cluster's throughput workloads, timed (JMH measures the single-caller round trip,
 * {@link ClusterRoundTrip}): node {@code a} here, node {@code b} in a peer JVM, over TLS.
 * <ul>
 *   <li>{@code cluster_callers16}: {@value Callers#COUNT} callers (virtual threads with a mailbox
 *       each) calling b's echo process, calls per second;</li>
 *   <li>{@code cluster_callers16_hosted}: the same with hosted processes on both nodes
 *       ({@code ClusterNode.Builder.hostedProcesses}), the callers started as node a's processes;</li>
 *   <li>{@code cluster_oneway_small}, {@code cluster_oneway_1k}: one producer sending
 *       {@link Small#MSG} / a {@link Kilobyte} to b's sink ({@link OneWay}), messages per second.</li>
 * </ul>
 * Each workload runs in JVMs of its own ({@link Forked}), as JMH forks per benchmark.
 */
public final class ClusterLoad {
    /** The workloads, each forked into JVMs of its own ({@link Forked}). */
    static final List<String> WORKLOADS = List.of("callers16", "callers16_hosted", "oneway_small", "oneway_1k");

    private ClusterLoad() {}

    /** Runs every workload in {@code mode} ({@link Timing#named}), each in a fresh pair of JVMs. */
    public static void run(String mode, Results results) {
        Forked.each(ClusterLoad.class, mode, WORKLOADS, Map.of(), results);
    }

    /** {@code ClusterLoad MODE WORKLOAD}: one workload, in this JVM and a peer. */
    public static void main(String[] args) {
        Timing timing = Timing.named(args[0]);
        Results results = new Results(System.out);
        try (ClusterPair pair = ClusterPair.start(args[1].endsWith("_hosted"))) {
            switch (args[1]) {
                case "callers16" -> results.result("cluster_callers16",
                        timing.medianRate(length -> Callers.rate(Callers.COUNT, length, i -> pair.caller())), "calls/s");
                case "callers16_hosted" -> results.result("cluster_callers16_hosted", timing.medianRate(length ->
                        Callers.rate(Callers.COUNT, length, i -> pair.caller(), pair.node().node().scheduler()::start)), "calls/s");
                case "oneway_small" -> {
                    try (ClusterPair.Sink small = pair.sink(Small.MSG)) {
                        results.result("cluster_oneway_small", timing.medianRate(length -> OneWay.rate(small, length)), "msgs/s");
                    }
                }
                case "oneway_1k" -> {
                    try (ClusterPair.Sink kilobyte = pair.sink(Kilobyte.ZEROS)) {
                        results.result("cluster_oneway_1k", timing.medianRate(length -> OneWay.rate(kilobyte, length)), "msgs/s");
                    }
                }
                default -> throw new IllegalArgumentException("no workload " + args[1] + "; one of " + WORKLOADS);
            }
        }
        Forked.exit();
    }
}
