package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The node takes time, timers, threads and randomness only from its seams. */
class SeamsTest {

    /** A clock that only moves when a waiting receive parks: each park jumps to the deadline. */
    static final class JumpingClock implements Clock, Scheduler {
        final AtomicLong now = new AtomicLong();
        final AtomicInteger parks = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final List<Runnable> timers = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public synchronized Cancellable schedule(Duration delay, Runnable action) {
            timers.add(action);
            return () -> timers.remove(action);
        }

        @Override
        public Thread start(String name, Runnable body) {
            started.incrementAndGet();
            return Thread.ofVirtual().start(body);
        }

        @Override
        public void park(Object blocker, long deadlineNanos) {
            parks.incrementAndGet();
            if (deadlineNanos == Long.MAX_VALUE) {
                LockSupport.park(blocker);
            } else {
                now.accumulateAndGet(deadlineNanos, Math::max);
            }
        }

        @Override
        public void unpark(Thread thread) {
            LockSupport.unpark(thread);
        }
    }

    @Test
    void receiveTimeoutsRunOnTheNodesClock() {
        JumpingClock clock = new JumpingClock();
        try (Node node = Node.builder("seam-clock").clock(clock).scheduler(clock).start(); Mailbox mailbox = node.newMailbox()) {
            long wallStart = System.nanoTime();
            assertEquals(Optional.empty(), mailbox.receive(Duration.ofHours(1)));
            assertTrue(System.nanoTime() - wallStart < Duration.ofSeconds(5).toNanos(), "an hour of virtual time");
            assertEquals(Duration.ofHours(1).toNanos(), clock.nanoTime());
            assertEquals(1, clock.parks.get());
        }
    }

    @Test
    void sendAfterUsesTheClocksTimers() {
        JumpingClock clock = new JumpingClock();
        try (Node node = Node.builder("seam-timer").clock(clock).scheduler(clock).start(); Mailbox mailbox = node.newMailbox()) {
            Cancellable cancelled = node.sendAfter(Duration.ofSeconds(10), mailbox.address(), "never");
            node.sendAfter(Duration.ofSeconds(5), mailbox.address(), "later");
            assertEquals(2, clock.timers.size());
            assertTrue(cancelled.cancel());
            List.copyOf(clock.timers).forEach(Runnable::run);
            assertEquals(Optional.of("later"), mailbox.tryReceive());
            assertEquals(Optional.empty(), mailbox.tryReceive());
        }
    }

    @Test
    void spawnRunsOnTheScheduler() {
        JumpingClock clock = new JumpingClock();
        try (Node node = Node.builder("seam-sched").clock(clock).scheduler(clock).start(); Mailbox probe = node.newMailbox()) {
            Address process = node.spawn(self -> probe.address().send("ran"));
            assertEquals("ran", probe.receive());
            assertEquals(1, clock.started.get());
            assertNotEquals(probe.address(), process);
        }
    }

    @Test
    void theSameSeedGivesTheSameIncarnation() {
        long first;
        try (Node node = Node.builder("seam-entropy").entropy(Entropy.seeded(42)).start()) {
            first = node.id().incarnation();
        }
        try (Node node = Node.builder("seam-entropy").entropy(Entropy.seeded(42)).start()) {
            assertEquals(first, node.id().incarnation());
        }
        try (Node node = Node.builder("seam-entropy").entropy(Entropy.seeded(43)).start()) {
            assertNotEquals(first, node.id().incarnation());
        }
    }

    @Test
    void splitStreamsAreIndependentOfEachOther() {
        Entropy root = Entropy.seeded(7);
        long network = root.split("network").nextLong();
        Entropy again = Entropy.seeded(7);
        for (int i = 0; i < 100; i++) {
            again.split("workload").nextLong(); // draws elsewhere do not shift the network stream
            again.nextLong();
        }
        assertEquals(network, again.split("network").nextLong());
        for (int i = 0; i < 1_000; i++) {
            long bounded = root.nextLong(10);
            assertTrue(bounded >= 0 && bounded < 10);
        }
    }
}
