package io.jreign.otp.dist;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Times a sender's direct write to a connection's socket (see {@link DistConnection}), so one the
 * peer does not read is given up after the busy timeout, as a sender waiting for a busy queue is.
 *
 * <pre>
 *  sender:   begin(now) ... write ... end()   end() false: the watch gave the write up meanwhile
 *  watch:    expire(now, timeout)             true once per write that began timeout or more ago
 * </pre>
 * Exactly one of {@code end()} returning true and {@code expire} returning true happens per
 * write, so a message is counted as dropped exactly when its sender is told so.
 */
final class DirectWriteWatch {
    private static final long IDLE = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;

    /** When the write in progress began on the node's clock; IDLE or EXPIRED otherwise. */
    private final AtomicLong since = new AtomicLong(IDLE);

    /** A direct write begins at {@code now} (one at a time: the caller holds the queue's write turn). */
    void begin(long now) {
        since.set(now == IDLE || now == EXPIRED ? now + 2 : now);
    }

    /** @return false if {@link #expire} gave this write up */
    boolean end() {
        return since.getAndSet(IDLE) != EXPIRED;
    }

    /** @return true if a write in progress began {@code timeoutNanos} or more before {@code now}; it is given up */
    boolean expire(long now, long timeoutNanos) {
        long began = since.get();
        return began != IDLE && began != EXPIRED && now - began >= timeoutNanos && since.compareAndSet(began, EXPIRED);
    }
}
