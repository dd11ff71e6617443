package io.jreign.mailbox.spi;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * The carrier scheduler of {@link Scheduler#hostedVirtualThreads}'s virtual threads: the JDK's own
 * carrier pool, except for threads a network thread unparks through {@link #unparkAndRunHere},
 * whose next slice runs on that network thread.
 *
 * <p>Why: on socket data the kernel wakes a platform thread (a DIST reader, a Netty event loop),
 * never a carrier. A process waiting in receive is then two wake-ups from the socket, the reader's
 * and its carrier's, where an Erlang process, which runs on the scheduler thread that polled the
 * socket, is one. The carrier's wake-up was about 20 µs of a 217 µs erl-to-Java call here, the
 * whole difference from erl-to-erl.
 *
 * <p>JDK 25 has no public API for a virtual thread's scheduler; this uses the constructor the
 * JDK's own tests use, {@code ThreadBuilders.VirtualThreadBuilder(Executor)}, which needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}. Without it {@link #factory()} is empty.
 */
final class HostedExecutor implements Executor {
    /** How long one {@link #unparkAndRunHere} runs woken threads before it hands the rest to the pool. */
    static final long BUDGET_NANOS = 1_000_000;

    private static final HostedExecutor INSTANCE = new HostedExecutor();
    private static final Access ACCESS = Access.open();

    /** The woken threads' slices a network thread collects while it unparks; null when it is not. */
    private static final ThreadLocal<ArrayDeque<Runnable>> COLLECTING = new ThreadLocal<>();

    private HostedExecutor() {}

    /** A factory of virtual threads scheduled here, if the JVM lets jreign open the JDK's builder. */
    static Optional<ThreadFactory> factory() {
        return Optional.ofNullable(ACCESS.factory);
    }

    /** Why {@link #factory()} is empty, or empty if it is not. */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(ACCESS.failure);
    }

    @Override
    public void execute(Runnable slice) {
        ArrayDeque<Runnable> collecting = COLLECTING.get();
        if (collecting != null) {
            collecting.add(slice);
        } else {
            ACCESS.pool.execute(slice);
        }
    }

    /**
     * Unparks {@code threads[0..count)}, then runs on this platform thread the next slice of each
     * one of this executor's threads that the unparks made runnable, each until it parks again.
     * Past {@link #BUDGET_NANOS} on {@code clock} the remaining slices go to the pool, so one batch
     * cannot keep a network thread from its socket for long. On a virtual thread, or without the
     * JDK's builder, this only unparks.
     */
    static void unparkAndRunHere(Thread[] threads, int count, Clock clock) {
        if (ACCESS.factory == null || Thread.currentThread().isVirtual()) {
            unparkAll(threads, count);
            return;
        }
        ArrayDeque<Runnable> slices = new ArrayDeque<>(count);
        COLLECTING.set(slices);
        try {
            unparkAll(threads, count);
        } finally {
            COLLECTING.remove();
        }
        long start = slices.isEmpty() ? 0 : clock.nanoTime();
        Runnable slice;
        while ((slice = slices.poll()) != null) {
            slice.run();
            if (!slices.isEmpty() && clock.nanoTime() - start > BUDGET_NANOS) {
                slices.forEach(ACCESS.pool::execute);
                return;
            }
        }
    }

    private static void unparkAll(Thread[] threads, int count) {
        for (int i = 0; i < count; i++) {
            LockSupport.unpark(threads[i]);
        }
    }

    /** What reflection gave: the JDK's carrier pool and a factory on this executor, or why not. */
    private record Access(Executor pool, ThreadFactory factory, String failure) {
        static Access open() {
            try {
                Method defaultScheduler = Class.forName("java.lang.VirtualThread").getDeclaredMethod("defaultScheduler");
                defaultScheduler.setAccessible(true);
                Executor pool = (Executor) defaultScheduler.invoke(null);
                Constructor<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                        .getDeclaredConstructor(Executor.class);
                builder.setAccessible(true);
                ThreadFactory factory = ((Thread.Builder.OfVirtual) builder.newInstance(INSTANCE)).factory();
                return new Access(pool, factory, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Access(null, null, "hosted virtual threads need the JVM flag "
                        + "--add-opens java.base/java.lang=ALL-UNNAMED and a JDK whose VirtualThread has a "
                        + "scheduler constructor (25 has): " + e);
            }
        }
    }
}
