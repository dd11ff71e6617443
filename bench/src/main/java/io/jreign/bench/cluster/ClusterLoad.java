package io.jreign.bench.cluster;

import io.jreign.bench.cluster.ClusterMessages.Kilobyte;
import io.jreign.bench.cluster.ClusterMessages.Small;
import io.jreign.bench.remote.Callers;
import io.jreign.bench.remote.OneWay;
import io.jreign.bench.remote.Results;
import io.jreign.bench.remote.Timing;

/**
 * The cluster's throughput workloads, timed (JMH measures the single-caller round trip,
 * {@link ClusterRoundTrip}): node {@code a} here, node {@code b} in a peer JVM, over TLS.
 * <ul>
 *   <li>{@code cluster_callers16}: {@value Callers#COUNT} callers (virtual threads with a mailbox
 *       each) calling b's echo process, calls per second;</li>
 *   <li>{@code cluster_oneway_small}, {@code cluster_oneway_1k}: one producer sending
 *       {@link Small#MSG} / a {@link Kilobyte} to b's sink ({@link OneWay}), messages per second.</li>
 * </ul>
 */
public final class ClusterLoad {
    private ClusterLoad() {}

    public static void run(Timing timing, Results results) {
        try (ClusterPair pair = ClusterPair.start()) {
            results.result("cluster_callers16",
                    timing.medianRate(length -> Callers.rate(Callers.COUNT, length, i -> pair.caller())), "calls/s");
            try (ClusterPair.Sink small = pair.sink(Small.MSG)) {
                results.result("cluster_oneway_small", timing.medianRate(length -> OneWay.rate(small, length)), "msgs/s");
            }
            try (ClusterPair.Sink kilobyte = pair.sink(Kilobyte.ZEROS)) {
                results.result("cluster_oneway_1k", timing.medianRate(length -> OneWay.rate(kilobyte, length)), "msgs/s");
            }
        }
    }
}
