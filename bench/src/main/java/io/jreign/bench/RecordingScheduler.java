package io.jreign.bench;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;

/**
 * The production scheduler (one virtual thread per process) that also keeps each started thread in
 * an array given up front, so a benchmark can check that every process reached its receive. The
 * array is allocated before the heap baseline, so it is not counted in the per-process bytes.
 * {@link #start} must be called from one thread (the benchmark thread spawns).
 */
final class RecordingScheduler implements Scheduler {
    private final Scheduler delegate = Scheduler.virtualThreads(Clock.system());
    private final Thread[] started;
    private int count;

    RecordingScheduler(Thread[] started) {
        this.started = started;
    }

    @Override
    public Thread start(String name, Runnable body) {
        Thread thread = delegate.start(name, body);
        started[count++] = thread;
        return thread;
    }

    @Override
    public void park(Object blocker, long deadlineNanos) {
        delegate.park(blocker, deadlineNanos);
    }

    @Override
    public void unpark(Thread thread) {
        delegate.unpark(thread);
    }

    /** How many threads were started. */
    int count() {
        return count;
    }
}
