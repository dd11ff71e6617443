package io.jreign.bench.remote;

import io.jreign.mailbox.spi.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Concurrent callers: each in a virtual thread of its own (as a jreign process is), making one
 * call after the other until the repetition's time is up; the rate is all their calls over the
 * time until the last one returned.
 */
public final class Callers {
    /** The number of concurrent callers of the workload. */
    public static final int COUNT = 16;

    private static final Clock CLOCK = Clock.system();

    private Callers() {}

    /** One caller's connection to the server: its own mailbox or process. */
    public interface Caller extends AutoCloseable {
        /**
         * One call, returning once the reply is in.
         *
         * @throws RuntimeException if the reply does not come or is wrong
         */
        void call();

        @Override
        void close();
    }

    /**
     * One repetition of {@code length} with {@code count} callers made by {@code callers} (given
     * the caller's index); calls per second.
     *
     * @throws IllegalStateException if a call fails
     */
    public static double rate(int count, Duration length, IntFunction<Caller> callers) {
        return rate(count, length, callers, (name, body) -> Thread.ofVirtual().name(name).start(body));
    }

    /**
     * {@link #rate(int, Duration, IntFunction)} with the callers' threads started by {@code starter}
     * (given a name and the body), e.g. a node scheduler's {@code start}, whose threads are its processes.
     */
    public static double rate(int count, Duration length, IntFunction<Caller> callers,
            BiFunction<String, Runnable, Thread> starter) {
        List<Caller> opened = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                opened.add(callers.apply(i));
            }
            long[] calls = new long[count];
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            long start = CLOCK.nanoTime();
            long deadline = start + length.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                threads.add(starter.apply("caller-" + i, () -> {
                    try {
                        Caller caller = opened.get(index);
                        do {
                            caller.call();
                            calls[index]++;
                        } while (CLOCK.nanoTime() < deadline && failure.get() == null);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long elapsed = CLOCK.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("a caller failed: " + failure.get(), failure.get());
            }
            long total = 0;
            for (long n : calls) {
                total += n;
            }
            return total * 1e9 / elapsed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            opened.forEach(Caller::close);
        }
    }
}
