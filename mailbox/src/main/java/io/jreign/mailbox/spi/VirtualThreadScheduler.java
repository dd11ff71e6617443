package io.jreign.mailbox.spi;

import java.util.concurrent.locks.LockSupport;

/**
 * {@link Scheduler#virtualThreads}: one virtual thread per process, LockSupport for waiting. A
 * virtual thread's timed park waits untimed while {@link Deadlines} watches its deadline, which is
 * far cheaper than the JDK's timer per park (see there); a platform thread's timed park is the
 * kernel's own timed wait and needs no help.
 */
final class VirtualThreadScheduler implements Scheduler {
    private final Clock clock;
    private final Deadlines deadlines;
    /** A factory, unlike a builder, is safe to share between threads. */
    private final java.util.concurrent.ThreadFactory factory = Thread.ofVirtual().factory();

    VirtualThreadScheduler(Clock clock) {
        this.clock = clock;
        this.deadlines = new Deadlines(clock);
    }

    @Override
    public Thread start(String name, Runnable body) {
        // Unnamed threads are cheaper to create; the name is only set when diagnostics ask for it.
        Thread thread = factory.newThread(body);
        if (name != null) {
            thread.setName(name);
        }
        thread.start();
        return thread;
    }

    @Override
    public void park(Object blocker, long deadlineNanos) {
        if (deadlineNanos == Long.MAX_VALUE) {
            LockSupport.park(blocker);
            return;
        }
        long remaining = deadlineNanos - clock.nanoTime();
        if (remaining <= 0) {
            return;
        }
        if (!Thread.currentThread().isVirtual()) {
            LockSupport.parkNanos(blocker, remaining);
            return;
        }
        Deadlines.Entry due = deadlines.add(deadlineNanos);
        try {
            LockSupport.park(blocker);
        } finally {
            deadlines.withdraw(due);
        }
    }

    /** The deadlines being watched (for tests). */
    Deadlines deadlines() {
        return deadlines;
    }

    @Override
    public void unpark(Thread thread) {
        LockSupport.unpark(thread);
    }

    @Override
    public String toString() {
        return "Scheduler.virtualThreads(" + clock + ")";
    }
}
