package io.jreign.mailbox.spi;

import java.util.concurrent.locks.LockSupport;

/** {@link Scheduler#virtualThreads}: one virtual thread per process, LockSupport for waiting. */
final class VirtualThreadScheduler implements Scheduler {
    private final Clock clock;
    /** A factory, unlike a builder, is safe to share between threads. */
    private final java.util.concurrent.ThreadFactory factory = Thread.ofVirtual().factory();

    VirtualThreadScheduler(Clock clock) {
        this.clock = clock;
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
        if (remaining > 0) {
            LockSupport.parkNanos(blocker, remaining);
        }
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
