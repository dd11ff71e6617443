package io.jreign.cluster.internal;

import io.jreign.mailbox.spi.Entropy;
import java.time.Duration;

/**
 * Reconnect delays: {@code min * 2^failures}, capped at {@code max}, then jittered to a uniform
 * draw in its upper half, so that peers that lost each other at the same moment do not redial in
 * lock step. Draws come from the entropy seam.
 */
final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private final Entropy entropy;

    Backoff(Duration min, Duration max, Entropy entropy) {
        this.minNanos = Math.max(1, min.toNanos());
        this.maxNanos = Math.max(minNanos, max.toNanos());
        this.entropy = entropy;
    }

    /** The delay before the next dial after {@code failures} failed ones in a row (0 for the first retry). */
    Duration delay(int failures) {
        long base = minNanos;
        for (int i = 0; i < failures && base < maxNanos; i++) {
            base *= 2;
        }
        base = Math.min(base, maxNanos);
        long half = base / 2;
        return Duration.ofNanos(base - half + entropy.nextLong(half + 1));
    }
}
