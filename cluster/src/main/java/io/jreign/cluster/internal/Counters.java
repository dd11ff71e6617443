package io.jreign.cluster.internal;

import java.util.concurrent.atomic.LongAdder;

/** The transport's running counters; see {@link io.jreign.cluster.ClusterStats} for their meaning. */
final class Counters {
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder undeliverable = new LongAdder();
    final LongAdder queueFull = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
}
