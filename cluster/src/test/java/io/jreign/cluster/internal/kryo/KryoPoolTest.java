package io.jreign.cluster.internal.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KryoPoolTest {
    /** Stands in for a Kryo instance: knows whether someone holds it. */
    static final class Instance {
        final AtomicBoolean held = new AtomicBoolean();
    }

    @Test
    void anInstanceGivenBackIsTheOneHandedOutNext() {
        AtomicInteger made = new AtomicInteger();
        KryoPool<Instance> pool = new KryoPool<>(4, () -> {
            made.incrementAndGet();
            return new Instance();
        });
        Instance first = pool.obtain();
        pool.free(first);
        assertSame(first, pool.obtain());
        assertEquals(1, made.get());
    }

    @Test
    void atMostCapacityInstancesAreKeptIdle() {
        KryoPool<Instance> pool = new KryoPool<>(3, Instance::new);
        List<Instance> taken = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            taken.add(pool.obtain());
        }
        taken.forEach(pool::free); // the first back stays with this (platform) thread
        assertEquals(3, pool.idle());
    }

    @Test
    void aPlatformThreadKeepsItsOwnInstanceOutsideTheSharedRow() {
        AtomicInteger made = new AtomicInteger();
        KryoPool<Instance> pool = new KryoPool<>(4, () -> {
            made.incrementAndGet();
            return new Instance();
        });
        Instance mine = pool.obtain();
        pool.free(mine);
        assertEquals(0, pool.idle(), "kept by the thread, not in the row");
        for (int i = 0; i < 1_000; i++) {
            Instance again = pool.obtain();
            assertSame(mine, again);
            pool.free(again);
        }
        assertEquals(1, made.get());
    }

    @Test
    void aNestedUseOnAPlatformThreadGetsAnotherInstance() {
        KryoPool<Instance> pool = new KryoPool<>(4, Instance::new);
        pool.free(pool.obtain()); // the thread's own instance now exists
        Instance outer = pool.obtain();
        Instance inner = pool.obtain();
        assertNotSame(outer, inner);
        pool.free(inner);
        pool.free(outer);
        assertEquals(1, pool.idle(), "one back to the thread, the other to the row");
    }

    @Test
    void virtualThreadsShareTheRow() throws Exception {
        KryoPool<Instance> pool = new KryoPool<>(4, Instance::new);
        Instance[] used = new Instance[2];
        Thread first = Thread.ofVirtual().start(() -> {
            used[0] = pool.obtain();
            pool.free(used[0]);
        });
        assertTrue(first.join(Duration.ofSeconds(10)));
        assertEquals(1, pool.idle());
        Thread second = Thread.ofVirtual().start(() -> {
            used[1] = pool.obtain();
            pool.free(used[1]);
        });
        assertTrue(second.join(Duration.ofSeconds(10)));
        assertSame(used[0], used[1], "the second virtual thread took the first one's instance from the row");
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KryoPool<>(0, Instance::new));
    }

    @Test
    void concurrentThreadsNeverHoldTheSameInstance() throws Exception {
        KryoPool<Instance> pool = new KryoPool<>(4, Instance::new);
        AtomicInteger sharedUse = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    Instance instance = pool.obtain();
                    if (!instance.held.compareAndSet(false, true)) {
                        sharedUse.incrementAndGet();
                    }
                    Thread.onSpinWait();
                    instance.held.set(false);
                    pool.free(instance);
                }
            }));
        }
        for (Thread thread : threads) {
            assertTrue(thread.join(Duration.ofSeconds(60)));
        }
        assertEquals(0, sharedUse.get(), "an instance was handed to two threads at once");
        assertTrue(pool.idle() <= 4);
    }
}
