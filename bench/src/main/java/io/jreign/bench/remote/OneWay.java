package io.jreign.bench.remote;

import io.jreign.mailbox.spi.Clock;
import java.time.Duration;

/**
 * One-way throughput: one producer sends batches of {@value #BATCH} messages to a {@link OneWaySink},
 * each batch closed by a batch end, with at most two batches in flight (after sending batch k it
 * waits for the answer to batch k-1), until the repetition's time is up; then it waits for the last
 * answer. The rate counts every message the sink received, batch ends included, over the time
 * until that last answer.
 *
 * <p>Every answer is checked against the number of messages sent, so a transport that drops
 * messages fails the run ({@link IllegalStateException}) instead of reporting an inflated rate.
 * The window (2,000 messages) also stays under Pekko Artery's outbound queue (3,072 by default),
 * which drops what does not fit: the credit window its one-way sender needs.
 */
public final class OneWay {
    /** Messages per batch, the batch end included (as {@code ?BATCH} in {@code bench_dist.erl}). */
    public static final int BATCH = 1_000;
    /** How long an answer may take before the run fails. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final Clock CLOCK = Clock.system();

    private OneWay() {}

    /** One repetition of {@code length} against {@code sink}; messages per second. */
    public static double rate(OneWaySink sink, Duration length) {
        sink.endBatch();
        long base = sink.awaitCount(ANSWER_TIMEOUT); // the sink's count before this repetition
        long start = CLOCK.nanoTime();
        long deadline = start + length.toNanos();
        long sent = 0;
        long inFlight = -1; // the count the answer to the previous batch must carry, if one is out
        do {
            for (int i = 1; i < BATCH; i++) {
                sink.send();
            }
            sink.endBatch();
            sent += BATCH;
            if (inFlight >= 0) {
                check(sink.awaitCount(ANSWER_TIMEOUT), inFlight);
            }
            inFlight = base + sent;
        } while (CLOCK.nanoTime() < deadline);
        check(sink.awaitCount(ANSWER_TIMEOUT), inFlight);
        return sent * 1e9 / (CLOCK.nanoTime() - start);
    }

    private static void check(long count, long expected) {
        if (count != expected) {
            throw new IllegalStateException("the sink received " + count + " messages where " + expected
                    + " were sent: " + (expected - count) + " lost");
        }
    }
}
