package io.jreign.mailbox.spi;

/**
 * The scheduling seam: where processes run and how a receiving process waits. jreign never starts
 * threads or parks directly; it goes through the node's {@code Scheduler}, so the testkit can run a
 * whole cluster on one seeded, deterministic schedule.
 *
 * <p>The contract of {@link #park}/{@link #unpark} is that of {@link java.util.concurrent.locks.LockSupport}:
 * a permit per thread, spurious returns allowed, callers re-check their condition in a loop.
 */
public interface Scheduler {

    /**
     * Starts {@code body} as a new process thread. Production uses one virtual thread per process.
     *
     * @param name a name for diagnostics (thread dumps)
     * @return the started thread
     */
    Thread start(String name, Runnable body);

    /**
     * Parks the calling thread until it is unparked, interrupted, or {@code clock.nanoTime()} reaches
     * {@code deadlineNanos}; may also return spuriously. {@link Long#MAX_VALUE} means no deadline.
     *
     * @param blocker the object the thread waits on, for diagnostics
     */
    void park(Object blocker, long deadlineNanos);

    /** Makes {@code thread}'s next or current {@link #park} return. */
    void unpark(Thread thread);

    /**
     * Production scheduling: processes are virtual threads; parking uses
     * {@link java.util.concurrent.locks.LockSupport} with deadlines measured on {@code clock}.
     */
    static Scheduler virtualThreads(Clock clock) {
        return new VirtualThreadScheduler(clock);
    }
}
