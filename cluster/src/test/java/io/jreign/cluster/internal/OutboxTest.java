package io.jreign.cluster.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The lock-free outbound queue: its bound, its order, and that no frame is lost or taken twice. */
class OutboxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Clock clock = Clock.system();
    private final Scheduler scheduler = Scheduler.virtualThreads(clock);

    @Test
    void concurrentSendersStayWithinTheBoundAndEveryFrameLeavesOnceInEachSendersOrder() throws Exception {
        long bound = 16 * 1024;
        Outbox outbox = new Outbox(bound, clock, scheduler);
        int senders = 8;
        int perSender = 5_000;
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            SplittableRandom random = new SplittableRandom(1234 + s);
            int sender = s;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int seq = 0; seq < perSender; seq++) {
                    Outbox.Entry entry = data(sender, seq, 1 + random.nextInt(1_500), Outbox.WHILE_CONNECTED);
                    Outbox.Offer offer = outbox.tryOfferData(entry);
                    if (offer == Outbox.Offer.FULL) {
                        offer = outbox.offerData(entry, clock.nanoTime() + WAIT.toNanos());
                    }
                    assertEquals(Outbox.Offer.QUEUED, offer);
                }
            }));
        }
        long[] next = new long[senders];
        long taken = 0;
        long most = 0;
        long deadline = clock.nanoTime() + WAIT.toNanos();
        while (taken < (long) senders * perSender) {
            most = Math.max(most, outbox.bytes());
            Outbox.Entry entry = outbox.poll();
            if (entry == null) {
                assertTrue(clock.nanoTime() < deadline, "frames missing after " + taken);
                Thread.onSpinWait();
                continue;
            }
            Frame.Send send = (Frame.Send) entry.frame();
            int sender = (int) send.targetIncarnation();
            assertEquals(next[sender], send.targetId(), "sender " + sender + "'s frames in order, none twice");
            next[sender]++;
            taken++;
        }
        for (Thread thread : threads) {
            assertTrue(thread.join(WAIT));
        }
        assertNull(outbox.poll());
        assertEquals(0, outbox.bytes());
        assertTrue(most <= bound, "held " + most + " bytes, bound " + bound);
    }

    @Test
    void aCloseRacingWithSendersAndTheDrainLosesCountOfNothing() throws Exception {
        for (int round = 0; round < 200; round++) {
            Outbox outbox = new Outbox(4 * 1024, clock, scheduler);
            AtomicLong queued = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int sender = s;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int seq = 0; seq < 200; seq++) {
                        Outbox.Entry entry = data(sender, seq, 64, Outbox.WHILE_CONNECTED);
                        Outbox.Offer offer = outbox.tryOfferData(entry);
                        if (offer == Outbox.Offer.FULL) {
                            offer = outbox.offerData(entry, clock.nanoTime() + WAIT.toNanos());
                        }
                        switch (offer) {
                            case QUEUED -> queued.incrementAndGet();
                            case CLOSED -> refused.incrementAndGet();
                            default -> throw new AssertionError(offer);
                        }
                    }
                }));
            }
            long polled = 0;
            for (int i = 0; i < 50 + round; i++) {
                if (outbox.poll() != null) {
                    polled++;
                }
            }
            long dropped = outbox.close();
            for (Thread thread : threads) {
                assertTrue(thread.join(WAIT));
            }
            assertNull(outbox.poll());
            assertEquals(800, queued.get() + refused.get());
            assertEquals(queued.get(), polled + dropped, "round " + round + ": every queued frame was sent or counted as dropped");
            assertEquals(0, outbox.bytes(), "round " + round);
        }
    }

    @Test
    void aSenderWaitingForRoomIsWokenWhenTheQueueFallsToHalf() throws Exception {
        Outbox outbox = new Outbox(1_000, clock, scheduler);
        int seq = 0;
        while (outbox.tryOfferData(data(0, seq, 87, Outbox.WHILE_CONNECTED)) == Outbox.Offer.QUEUED) {
            seq++;
        }
        assertEquals(10, seq, "ten 100-byte frames fill 1,000 bytes");
        AtomicReference<Outbox.Offer> result = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> result.set(
                outbox.offerData(data(0, 10, 87, Outbox.WHILE_CONNECTED), clock.nanoTime() + WAIT.toNanos())));
        await().atMost(WAIT).until(() -> waiter.getState() == Thread.State.WAITING);
        for (int i = 0; i < 4; i++) {
            outbox.poll();
        }
        assertNull(result.get(), "600 bytes still queued: above half the bound");
        outbox.poll();
        assertTrue(waiter.join(WAIT), "woken at half the bound");
        assertEquals(Outbox.Offer.QUEUED, result.get());
        assertEquals(600, outbox.bytes());
    }

    @Test
    void aSenderFindingNoRoomGivesUpAtItsDeadline() {
        Outbox outbox = new Outbox(100, clock, scheduler);
        assertEquals(Outbox.Offer.QUEUED, outbox.tryOfferData(data(0, 0, 87, Outbox.WHILE_CONNECTED)));
        assertEquals(Outbox.Offer.FULL, outbox.tryOfferData(data(0, 1, 87, Outbox.WHILE_CONNECTED)));
        long start = clock.nanoTime();
        assertEquals(Outbox.Offer.TIMED_OUT,
                outbox.offerData(data(0, 1, 87, Outbox.WHILE_CONNECTED), start + TimeUnit.MILLISECONDS.toNanos(50)));
        assertTrue(clock.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
        assertEquals(100, outbox.bytes());
    }

    @Test
    void aFrameLargerThanTheBoundIsAdmittedIntoAnEmptyQueueOnly() {
        Outbox outbox = new Outbox(100, clock, scheduler);
        assertEquals(Outbox.Offer.QUEUED, outbox.tryOfferData(data(0, 0, 500, Outbox.WHILE_CONNECTED)));
        assertEquals(Outbox.Offer.FULL, outbox.tryOfferData(data(0, 1, 1, Outbox.WHILE_CONNECTED)));
        outbox.poll();
        assertEquals(Outbox.Offer.QUEUED, outbox.tryOfferData(data(0, 1, 1, Outbox.WHILE_CONNECTED)));
    }

    @Test
    void framesQueuedWhileConnectedAgeFromTheConnectionsLoss() {
        Outbox outbox = new Outbox(10_000, clock, scheduler);
        outbox.tryOfferData(data(0, 0, 10, Outbox.WHILE_CONNECTED));
        outbox.tryOfferData(data(0, 1, 10, Outbox.WHILE_CONNECTED));
        outbox.tryOfferData(data(0, 2, 10, 2_000));
        long lostAt = 1_000;
        assertEquals(lostAt, outbox.oldestEnqueuedAt(lostAt));
        assertEquals(0, outbox.dropOlderThan(999, lostAt));
        assertEquals(2, outbox.dropOlderThan(1_000, lostAt), "both queued while connected, none younger");
        assertEquals(2_000, outbox.oldestEnqueuedAt(lostAt));
        assertEquals(1, outbox.dropOlderThan(5_000, lostAt));
        assertEquals(Long.MIN_VALUE, outbox.oldestEnqueuedAt(lostAt));
        assertEquals(0, outbox.bytes());
    }

    @Test
    void droppingControlFramesKeepsTheDataFramesAndTheirOrder() {
        Outbox outbox = new Outbox(10_000, clock, scheduler);
        Frame watch = new Frame.Watch(1, 2, 3);
        outbox.tryOfferData(data(0, 0, 10, Outbox.WHILE_CONNECTED));
        assertTrue(outbox.offerControl(new Outbox.Entry(watch, watch.size(), 0, 7, 0)));
        outbox.tryOfferData(data(0, 1, 10, Outbox.WHILE_CONNECTED));
        assertTrue(outbox.offerControl(new Outbox.Entry(watch, watch.size(), 0, 7, 0)));
        assertEquals(2, outbox.dropControl());
        assertEquals(0, ((Frame.Send) outbox.poll().frame()).targetId());
        assertEquals(1, ((Frame.Send) outbox.poll().frame()).targetId());
        assertNull(outbox.poll());
        assertEquals(0, outbox.bytes());
    }

    @Test
    void controlFramesMayGoToTwiceTheBoundButNoFurther() {
        Outbox outbox = new Outbox(100, clock, scheduler);
        Frame.Send big = new Frame.Send(0, 0, new byte[87]);
        assertTrue(outbox.offerControl(new Outbox.Entry(big, big.size(), 0, 1, 0)));
        assertTrue(outbox.offerControl(new Outbox.Entry(big, big.size(), 0, 1, 0)));
        assertEquals(200, outbox.bytes());
        assertFalse(outbox.offerControl(new Outbox.Entry(new Frame.Watch(1, 2, 3), new Frame.Watch(1, 2, 3).size(), 0, 1, 0)));
    }

    /** A data frame of {@code payload} bytes (13 more on the wire) carrying its sender and sequence number. */
    private static Outbox.Entry data(int sender, long seq, int payload, long enqueuedAt) {
        Frame.Send frame = new Frame.Send(sender, seq, new byte[payload]);
        return new Outbox.Entry(frame, frame.size(), enqueuedAt, -1, sender);
    }
}
