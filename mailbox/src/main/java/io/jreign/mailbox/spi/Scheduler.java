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
     * Unparks {@code threads[0..count)} for a transport's network thread that delivered to them and
     * is about to wait for input ({@link DeferredWakes#flush}). A scheduler may run their next
     * slices on the calling thread before it returns; {@link #hostedVirtualThreads} does.
     */
    default void unparkBatch(Thread[] threads, int count) {
        for (int i = 0; i < count; i++) {
            unpark(threads[i]);
        }
    }

    /**
     * Production scheduling: processes are virtual threads; parking uses
     * {@link java.util.concurrent.locks.LockSupport} with deadlines measured on {@code clock}.
     */
    static Scheduler virtualThreads(Clock clock) {
        return new VirtualThreadScheduler(clock);
    }

    /**
     * {@link #virtualThreads} whose processes, when a transport's network thread (a DIST reader, a
     * cluster event loop) delivers to them, run their next slice on that network thread, as an
     * Erlang process runs on the scheduler that polled its socket. That saves the wake-up of a
     * carrier thread on every message from the network: a process waiting for a reply is one
     * wake-up from the socket instead of two.
     *
     * <p>The price: while a slice runs, its network thread reads nothing. A slice ends when the
     * process waits again (receive, a lock, blocking I/O through the JDK), so message handlers
     * that compute briefly lose nothing; a handler that computes for long should hand the work to
     * a process of its own. One network thread runs woken slices for at most a millisecond per
     * batch of input; the rest go to the carrier pool.
     *
     * <p>JDK 25 has no public API for a virtual thread's scheduler, so this opens the JDK's
     * internal builder: the JVM must run with {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
     *
     * @throws IllegalStateException if the JVM does not open it; the message names the flag
     * @see #hostingAvailable()
     */
    static Scheduler hostedVirtualThreads(Clock clock) {
        return VirtualThreadScheduler.hosted(clock);
    }

    /** Whether {@link #hostedVirtualThreads} can be built in this JVM. */
    static boolean hostingAvailable() {
        return HostedExecutor.factory().isPresent();
    }
}
