package io.jreign.testkit;

import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Virtual time: it stands still while simulated code runs and jumps to the next timer when every
 * process waits. An {@code expectNoMessage} of five seconds costs no wall time.
 *
 * <p>Timers due at the same instant fire in the order they were set, so a run is a function of
 * its seed. Thread-safe, but in a {@link Simulation} only the running process touches it.
 */
public final class VirtualClock implements Clock {
    /** A pending timer; {@code seq} breaks ties between timers due at the same instant. */
    private record Timer(long at, long seq, Runnable action) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    private long lastSeq;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** The virtual time elapsed since the simulation started. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(now);
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable action) {
        long nanos = Math.max(0, saturatedNanos(delay));
        Timer timer = new Timer(saturatedAdd(now, nanos), ++lastSeq, action);
        timers.add(timer);
        return () -> {
            synchronized (this) {
                return timers.remove(timer);
            }
        };
    }

    /** Whether any timer is pending. */
    public synchronized boolean hasTimers() {
        return !timers.isEmpty();
    }

    /** When the next timer is due, or {@link Long#MAX_VALUE} if none is. */
    synchronized long nextTimerAt() {
        Timer next = timers.peek();
        return next == null ? Long.MAX_VALUE : next.at();
    }

    /**
     * Moves time to the earliest timer and runs it (outside the lock: it may set more timers).
     *
     * @return false if no timer was pending
     */
    boolean fireNext() {
        Timer next;
        synchronized (this) {
            next = timers.poll();
            if (next == null) {
                return false;
            }
            now = Math.max(now, next.at());
        }
        next.action().run();
        return true;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public String toString() {
        return "VirtualClock[" + elapsed() + ']';
    }
}
