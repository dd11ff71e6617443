package io.jreign.otp.dist;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The busy dist port: a bounded queue whose senders wait on the node's clock, never forever. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendQueueTest {
    private static final int LIMIT = 1024;

    /** A clock that only moves when a waiter parks with a deadline: it jumps to the deadline. */
    private static final class JumpingTime implements Clock, Scheduler {
        final AtomicLong now = new AtomicLong(1_000);

        public long nanoTime() {
            return now.get();
        }

        public Cancellable schedule(Duration delay, Runnable action) {
            throw new UnsupportedOperationException("the queue sets no timers");
        }

        public Thread start(String name, Runnable body) {
            return Thread.ofVirtual().start(body);
        }

        public void park(Object blocker, long deadlineNanos) {
            if (deadlineNanos == Long.MAX_VALUE) {
                LockSupport.park(blocker);
            } else {
                now.accumulateAndGet(deadlineNanos, Math::max);
            }
        }

        public void unpark(Thread thread) {
            LockSupport.unpark(thread);
        }
    }

    private static List<byte[]> message(int bytes) {
        return List.of(new byte[bytes]);
    }

    @Test
    void aBusySenderGivesUpAfterItsWaitOnTheNodesClock() {
        JumpingTime time = new JumpingTime();
        SendQueue queue = new SendQueue(LIMIT, time, time);
        assertEquals(SendQueue.Outcome.QUEUED, queue.offer(message(3 * LIMIT), Duration.ZERO), "not busy yet: queued whole");
        assertTrue(queue.isBusy());
        long before = time.nanoTime();
        assertEquals(SendQueue.Outcome.BUSY, queue.offer(message(10), Duration.ofSeconds(5)));
        assertEquals(Duration.ofSeconds(5).toNanos(), time.nanoTime() - before, "it waited exactly its 5 s, on the clock");
        assertEquals(SendQueue.Outcome.BUSY, queue.offer(message(10), Duration.ZERO), "zero: no wait at all");
        assertEquals(Duration.ofSeconds(5).toNanos(), time.nanoTime() - before);
        assertEquals(0, queue.waitingSenders());
    }

    @Test
    void forcedMessagesNeverWaitButStopAtTwiceTheLimit() {
        JumpingTime time = new JumpingTime();
        SendQueue queue = new SendQueue(LIMIT, time, time);
        assertEquals(SendQueue.Outcome.QUEUED, queue.force(message(LIMIT)));
        assertEquals(SendQueue.Outcome.QUEUED, queue.force(message(LIMIT / 2)));
        assertEquals(SendQueue.Outcome.QUEUED, queue.force(message(LIMIT / 2)), "below 2 x limit before it");
        assertEquals(SendQueue.Outcome.BUSY, queue.force(message(1)));
        assertEquals(3, queue.takeAll().size());
        assertEquals(0, queue.queuedBytes());
        assertEquals(SendQueue.Outcome.QUEUED, queue.force(message(1)));
    }

    @Test
    void aFragmentedMessageStaysTogetherAndInOrder() {
        JumpingTime time = new JumpingTime();
        SendQueue queue = new SendQueue(LIMIT, time, time);
        byte[] a = {1};
        byte[] b = {2};
        byte[] c = {3};
        queue.offer(List.of(a, b), Duration.ZERO);
        queue.offer(List.of(c), Duration.ZERO);
        assertEquals(List.of(a, b, c), queue.takeAll());
    }

    @Test
    void theWriterTakingPacketsWakesAWaitingSender() throws Exception {
        Clock clock = Clock.system();
        SendQueue queue = new SendQueue(LIMIT, clock, Scheduler.virtualThreads(clock));
        queue.offer(message(2 * LIMIT), Duration.ZERO);
        CompletableFuture<SendQueue.Outcome> sender = CompletableFuture.supplyAsync(
                () -> queue.offer(message(8), Duration.ofMinutes(10)), r -> Thread.ofVirtual().start(r));
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waitingSenders() == 1);
        assertEquals(1, queue.takeAll().size());
        assertEquals(SendQueue.Outcome.QUEUED, sender.get(10, TimeUnit.SECONDS));
        assertEquals(8 + 4, queue.queuedBytes());
    }

    @Test
    void closingReleasesSendersAndTheWriter() throws Exception {
        Clock clock = Clock.system();
        SendQueue queue = new SendQueue(LIMIT, clock, Scheduler.virtualThreads(clock));
        CompletableFuture<List<byte[]>> writer = CompletableFuture.supplyAsync(queue::takeAll, r -> Thread.ofVirtual().start(r));
        queue.offer(message(2 * LIMIT), Duration.ZERO);
        assertEquals(1, writer.get(10, TimeUnit.SECONDS).size());
        queue.offer(message(2 * LIMIT), Duration.ZERO);
        CompletableFuture<SendQueue.Outcome> sender = CompletableFuture.supplyAsync(
                () -> queue.offer(message(8), Duration.ofMinutes(10)), r -> Thread.ofVirtual().start(r));
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waitingSenders() == 1);
        queue.close();
        assertEquals(SendQueue.Outcome.CLOSED, sender.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), queue.takeAll());
        assertEquals(SendQueue.Outcome.CLOSED, queue.force(message(1)));
    }

    @Test
    void anInterruptedWriterStopsWaiting() throws Exception {
        Clock clock = Clock.system();
        SendQueue queue = new SendQueue(LIMIT, clock, Scheduler.virtualThreads(clock));
        CompletableFuture<List<byte[]>> taken = new CompletableFuture<>();
        Thread writer = Thread.ofVirtual().start(() -> taken.complete(queue.takeAll()));
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.WAITING);
        writer.interrupt();
        assertEquals(List.of(), taken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptedSenderStopsWaitingAndKeepsItsInterrupt() throws Exception {
        Clock clock = Clock.system();
        SendQueue queue = new SendQueue(LIMIT, clock, Scheduler.virtualThreads(clock));
        queue.offer(message(2 * LIMIT), Duration.ZERO);
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread sender = Thread.ofVirtual().start(() -> {
            SendQueue.Outcome outcome = queue.offer(message(8), Duration.ofMinutes(10));
            interruptedAfter.complete(outcome == SendQueue.Outcome.CLOSED && Thread.currentThread().isInterrupted());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waitingSenders() == 1);
        sender.interrupt();
        assertTrue(interruptedAfter.get(10, TimeUnit.SECONDS));
        assertEquals(0, queue.waitingSenders());
    }

    @Test
    void aSenderWritesItselfOnlyWhenNothingIsQueuedAndNobodyWrites() {
        JumpingTime time = new JumpingTime();
        SendQueue queue = new SendQueue(LIMIT, time, time);
        assertTrue(queue.beginDirect(), "idle: the sender may write");
        assertFalse(queue.beginDirect(), "one write at a time");
        byte[] queued = {7};
        assertEquals(SendQueue.Outcome.QUEUED, queue.offer(List.of(queued), Duration.ZERO), "others queue meanwhile");
        queue.endWrite();
        assertFalse(queue.beginDirect(), "something is queued: it must be written first, by the writer");
        assertEquals(List.of(queued), queue.takeAll());
        assertFalse(queue.beginDirect(), "the writer writes what it took");
        queue.endWrite();
        assertTrue(queue.beginDirect());
        queue.endWrite();
        queue.close();
        assertFalse(queue.beginDirect(), "closed");
    }

    @Test
    void theWriterWaitsForASendersWriteAndIsWokenWhenItEnds() throws Exception {
        Clock clock = Clock.system();
        SendQueue queue = new SendQueue(LIMIT, clock, Scheduler.virtualThreads(clock));
        assertTrue(queue.beginDirect());
        byte[] queued = {7};
        queue.offer(List.of(queued), Duration.ZERO);
        CompletableFuture<List<byte[]>> writer = CompletableFuture.supplyAsync(queue::takeAll, r -> Thread.ofVirtual().start(r));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10)).until(() -> !writer.isDone());
        queue.endWrite();
        assertEquals(List.of(queued), writer.get(10, TimeUnit.SECONDS));
    }
}
