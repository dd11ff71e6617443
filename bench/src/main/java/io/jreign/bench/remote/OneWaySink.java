package io.jreign.bench.remote;

import java.time.Duration;

/**
 * The far end of a one-way workload, as seen by the producer: a counting sink on the peer. Every
 * system measured implements the same protocol ({@code bench_dist_server.erl} documents the
 * Erlang form): the sink counts every message it receives, and answers a batch end with its count
 * so far, that batch end included.
 */
public interface OneWaySink {
    /** Sends one payload message. */
    void send();

    /** Sends a batch end; its answer comes from {@link #awaitCount}. */
    void endBatch();

    /**
     * The answer to the oldest unanswered batch end.
     *
     * @throws IllegalStateException if none comes within {@code timeout}
     */
    long awaitCount(Duration timeout);
}
