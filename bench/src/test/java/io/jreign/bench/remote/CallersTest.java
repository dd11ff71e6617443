package io.jreign.bench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallersTest {

    @Test
    void everyCallerCallsFromItsOwnThreadAndIsClosed() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger closed = new AtomicInteger();
        double rate = Callers.rate(4, Duration.ofMillis(20), index -> new Callers.Caller() {
            Thread owner;

            @Override
            public void call() {
                if (owner == null) {
                    owner = Thread.currentThread();
                    threads.add(owner);
                }
                assertEquals(owner, Thread.currentThread(), "one thread per caller");
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        });
        assertTrue(rate > 0, "rate " + rate);
        assertEquals(4, threads.size());
        assertTrue(threads.stream().allMatch(Thread::isVirtual));
        assertEquals(4, closed.get());
    }

    @Test
    void aFailingCallFailsTheRunAndStillClosesEveryCaller() {
        AtomicInteger closed = new AtomicInteger();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Callers.rate(3, Duration.ofSeconds(30), index -> new Callers.Caller() {
                    @Override
                    public void call() {
                        if (index == 1) {
                            throw new IllegalStateException("no reply");
                        }
                    }

                    @Override
                    public void close() {
                        closed.incrementAndGet();
                    }
                }));
        assertTrue(failure.getMessage().contains("no reply"), failure.getMessage());
        assertEquals(3, closed.get());
    }
}
