package io.jreign.mailbox.spi;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Scheduler#virtualThreads}: one virtual thread per process, LockSupport for waiting. A
 * virtual thread's timed park waits untimed while {@link Deadlines} watches its deadline, which is
 * far cheaper than the JDK's timer per park (see there); a platform thread's timed park is the
 * kernel's own timed wait and needs no help.
 *
 * <p>Hosted ({@link Scheduler#hostedVirtualThreads}), its threads are built on {@link HostedExecutor}
 * and {@link #unparkBatch} runs their next slices on the calling network thread.
 */
final class VirtualThreadScheduler implements Scheduler {
    private final Clock clock;
    private final Deadlines deadlines;
    /** A factory, unlike a builder, is safe to share between threads. */
    private final ThreadFactory factory;
    private final boolean hosted;

    VirtualThreadScheduler(Clock clock) {
        this(clock, Thread.ofVirtual().factory(), false);
    }

    private VirtualThreadScheduler(Clock clock, ThreadFactory factory, boolean hosted) {
        this.clock = clock;
        this.deadlines = new Deadlines(clock);
        this.factory = factory;
        this.hosted = hosted;
    }

    /** @throws IllegalStateException naming the missing JVM flag if the JDK's builder is closed */
    static VirtualThreadScheduler hosted(Clock clock) {
        ThreadFactory factory = HostedExecutor.factory().orElseThrow(
                () -> new IllegalStateException(HostedExecutor.unavailableReason().orElseThrow()));
        return new VirtualThreadScheduler(clock, factory, true);
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
    public void unparkBatch(Thread[] threads, int count) {
        if (!hosted) {
            Scheduler.super.unparkBatch(threads, count);
            return;
        }
        HostedExecutor.unparkAndRunHere(threads, count, clock);
    }

    @Override
    public String toString() {
        return (hosted ? "Scheduler.hostedVirtualThreads(" : "Scheduler.virtualThreads(") + clock + ")";
    }
}
