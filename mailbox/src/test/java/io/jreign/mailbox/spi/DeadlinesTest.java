package io.jreign.mailbox.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    private final Clock clock = Clock.system();
    private final VirtualThreadScheduler scheduler = (VirtualThreadScheduler) Scheduler.virtualThreads(clock);

    @Test
    void aTimedParkOfAVirtualThreadEndsAtItsDeadline() throws Exception {
        long[] waited = new long[1];
        Thread thread = Thread.ofVirtual().start(() -> {
            long start = clock.nanoTime();
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(50);
            while (clock.nanoTime() - deadline < 0) { // spurious returns are allowed: re-check, as callers do
                scheduler.park(this, deadline);
            }
            waited[0] = clock.nanoTime() - start;
        });
        assertTrue(thread.join(Duration.ofSeconds(10)));
        assertTrue(waited[0] >= TimeUnit.MILLISECONDS.toNanos(50) && waited[0] < TimeUnit.SECONDS.toNanos(5), "took " + waited[0] + " ns");
        assertEquals(0, scheduler.deadlines().pending());
    }

    @Test
    void anEarlierDeadlineAddedAfterALaterOneIsNotKeptWaitingForIt() throws Exception {
        CountDownLatch longParked = new CountDownLatch(1);
        Thread longWait = Thread.ofVirtual().start(() -> {
            longParked.countDown();
            scheduler.park(this, clock.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        });
        longParked.await();
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.deadlines().pending() == 1);
        long[] waited = new long[1];
        Thread shortWait = Thread.ofVirtual().start(() -> {
            long start = clock.nanoTime();
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(20);
            while (clock.nanoTime() - deadline < 0) {
                scheduler.park(this, deadline);
            }
            waited[0] = clock.nanoTime() - start;
        });
        assertTrue(shortWait.join(Duration.ofSeconds(10)), "the 20 ms wait ended well before the 60 s one");
        assertTrue(waited[0] < TimeUnit.SECONDS.toNanos(5), "took " + waited[0] + " ns");
        assertTrue(longWait.isAlive());
        scheduler.unpark(longWait);
        assertTrue(longWait.join(Duration.ofSeconds(10)));
        assertEquals(0, scheduler.deadlines().pending());
    }

    @Test
    void anUnparkBeforeTheDeadlineEndsTheParkAndWithdrawsTheDeadline() throws Exception {
        CountDownLatch parking = new CountDownLatch(1);
        Thread thread = Thread.ofVirtual().start(() -> {
            parking.countDown();
            scheduler.park(this, clock.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        });
        parking.await();
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.deadlines().pending() == 1);
        scheduler.unpark(thread);
        assertTrue(thread.join(Duration.ofSeconds(10)));
        assertEquals(0, scheduler.deadlines().pending());
    }

    @Test
    void deadlinesInAnyOrderAllEndOnTime() throws Exception {
        int threads = 50;
        List<Thread> waiting = new ArrayList<>();
        AtomicLong worstLateness = new AtomicLong();
        for (int i = 0; i < threads; i++) {
            long delay = TimeUnit.MILLISECONDS.toNanos(10 + (i * 37L) % 200); // not in deadline order
            waiting.add(Thread.ofVirtual().start(() -> {
                long deadline = clock.nanoTime() + delay;
                while (clock.nanoTime() - deadline < 0) {
                    scheduler.park(this, deadline);
                }
                worstLateness.accumulateAndGet(clock.nanoTime() - deadline, Math::max);
            }));
        }
        for (Thread thread : waiting) {
            assertTrue(thread.join(Duration.ofSeconds(20)));
        }
        assertTrue(worstLateness.get() < TimeUnit.SECONDS.toNanos(5), "took " + worstLateness.get() + " ns");
        assertEquals(0, scheduler.deadlines().pending());
    }

    @Test
    void manyParksCutShortByUnparksLeaveNothingBehind() throws Exception {
        int threads = 16;
        int rounds = 2_000;
        List<Thread> parkers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            parkers.add(Thread.ofVirtual().start(() -> {
                for (int round = 0; round < rounds; round++) {
                    scheduler.park(this, clock.nanoTime() + TimeUnit.SECONDS.toNanos(30));
                }
            }));
        }
        Thread unparker = Thread.ofVirtual().start(() -> {
            while (parkers.stream().anyMatch(Thread::isAlive)) {
                parkers.forEach(scheduler::unpark);
                Thread.yield();
            }
        });
        for (Thread parker : parkers) {
            assertTrue(parker.join(Duration.ofSeconds(60)));
        }
        assertTrue(unparker.join(Duration.ofSeconds(10)));
        assertEquals(0, scheduler.deadlines().pending());
    }

    @Test
    void theWatcherEndsWhenNothingIsPendingAndComesBackForTheNextDeadline() throws Exception {
        Thread first = Thread.ofVirtual().start(() -> scheduler.park(this, clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5)));
        assertTrue(first.join(Duration.ofSeconds(10)));
        await().atMost(Deadlines.IDLE.multipliedBy(5)).until(() -> !scheduler.deadlines().watching());
        long[] waited = new long[1];
        Thread second = Thread.ofVirtual().start(() -> {
            long start = clock.nanoTime();
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(20);
            while (clock.nanoTime() - deadline < 0) {
                scheduler.park(this, deadline);
            }
            waited[0] = clock.nanoTime() - start;
        });
        assertTrue(second.join(Duration.ofSeconds(10)));
        assertTrue(waited[0] < TimeUnit.SECONDS.toNanos(5), "took " + waited[0] + " ns");
    }

    @Test
    void entriesWithdrawnAfterTheWatcherSortedThemArePurgedSoItsHeapStaysBounded() throws Exception {
        int threads = 200;
        int rounds = 20; // 4,000 entries pass through the heap: without purging it would hold them all
        List<Thread> parkers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            parkers.add(Thread.ofVirtual().start(() -> {
                for (int round = 0; round < rounds; round++) {
                    scheduler.park(this, clock.nanoTime() + TimeUnit.SECONDS.toNanos(60));
                }
            }));
        }
        int most = 0;
        for (int round = 0; round < rounds; round++) {
            // Every parker waits and the watcher has moved every entry into its heap.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> scheduler.deadlines().allLookedAt()
                    && scheduler.deadlines().pending() == threads
                    && parkers.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> scheduler.deadlines().sorted() >= threads);
            most = Math.max(most, scheduler.deadlines().sorted());
            parkers.forEach(scheduler::unpark);
            if (round < rounds - 1) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> scheduler.deadlines().pending() == threads);
            }
        }
        for (Thread parker : parkers) {
            assertTrue(parker.join(Duration.ofSeconds(20)));
        }
        assertEquals(0, scheduler.deadlines().pending());
        assertTrue(most <= 2 * 1024 + threads, "the heap held " + most + " entries");
    }

    @Test
    void aPlatformThreadWaitsOnTheKernelsTimerAndRegistersNothing() {
        long start = clock.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(20);
        while (clock.nanoTime() - deadline < 0) {
            scheduler.park(this, deadline);
        }
        assertFalse(scheduler.deadlines().watching());
        assertEquals(0, scheduler.deadlines().pending());
    }
}
