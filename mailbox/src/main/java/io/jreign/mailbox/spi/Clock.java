package io.jreign.mailbox.spi;

import java.time.Duration;

/**
 * The time seam: every timeout, tick, backoff and {@code receive(timeout)} in jreign reads time and
 * sets timers through a {@code Clock}, never through {@link System#nanoTime()} directly, so the
 * testkit can replace it with virtual time that jumps to the next timer.
 *
 * <p>Production code uses {@link #system()}. Implementations must be thread-safe.
 */
public interface Clock {

    /** Monotonic time in nanoseconds; only differences between two readings are meaningful. */
    long nanoTime();

    /**
     * Runs {@code action} once, no earlier than {@code delay} from now. Actions must be short and
     * must not block: they run on the clock's own timer thread.
     *
     * @return a handle that cancels the action if it has not run yet
     */
    Cancellable schedule(Duration delay, Runnable action);

    /** The real clock: {@link System#nanoTime()} and one shared daemon timer thread. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
