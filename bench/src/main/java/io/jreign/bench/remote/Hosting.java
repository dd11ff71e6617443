package io.jreign.bench.remote;

import java.time.Duration;

/**
 * How the benchmarks' "hosted" nodes are set up: processes hosted on the network threads that
 * wake them, and those threads busy-waiting this long before they sleep (cluster:
 * {@code ClusterNode.Builder.busyWait}; DIST: {@code DistConfig.readerBusyWait}).
 */
public final class Hosting {
    /** Chosen from 50 and 200 µs runs of sixteen cluster callers: 200 µs covers a batch's turnaround. */
    public static final Duration BUSY_WAIT = Duration.ofNanos(200_000);

    private Hosting() {}

    /** {@link #BUSY_WAIT} for a hosted node, zero otherwise. */
    public static Duration busyWait(boolean hosted) {
        return hosted ? BUSY_WAIT : Duration.ZERO;
    }
}
