package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.Messages.Blob;
import io.jreign.cluster.Messages.Seq;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many concurrent senders: nothing lost, per-sender order kept; a slow or absent peer holds senders back. */
class LoadAndBackPressureTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Starts {@code senders} virtual threads running {@code body(index)}; returns them. */
    private static List<Thread> senders(int senders, java.util.function.IntConsumer body) {
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int index = s;
            threads.add(Thread.ofVirtual().name("sender-" + s).start(() -> body.accept(index)));
        }
        return threads;
    }

    /** Samples {@code value} every millisecond until stopped; returns the largest seen. */
    private static Thread sampler(java.util.function.LongSupplier value, AtomicLong max, AtomicBoolean stop) {
        return Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                max.accumulateAndGet(value.getAsLong(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        });
    }

    @Test
    void hundredThousandMessagesFromSixteenSendersArriveCompleteAndInPerSenderOrder() throws Exception {
        int senders = 16;
        int each = 6_250;
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            ClusterNode a = cluster.start("a");
            ClusterNode b = cluster.start("b");
            awaitConnected(a, b);
            try (Mailbox inbox = b.node().newMailbox()) {
                Address remote = a.node().bind(inbox.address());
                List<Thread> threads = senders(senders, s -> {
                    for (int n = 0; n < each; n++) {
                        remote.send(new Seq(s, n));
                    }
                });
                int[] next = new int[senders];
                for (int i = 0; i < senders * each; i++) {
                    Seq seq = inbox.receive(Seq.class, LONG).orElseThrow(() -> new AssertionError("a message is missing"));
                    assertEquals(next[seq.sender()], seq.n(), "sender " + seq.sender() + " out of order");
                    next[seq.sender()]++;
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                for (int s = 0; s < senders; s++) {
                    assertEquals(each, next[s]);
                }
                assertEquals(java.util.Optional.empty(), inbox.receive(Duration.ofMillis(100)), "nothing extra");
            }
            assertEquals(100_000, a.stats().messagesSent());
            assertEquals(0, a.stats().droppedQueueFull() + a.stats().droppedUndeliverable() + a.stats().droppedStale());
        }
    }

    @Test
    void aPeerThatStopsReadingMakesSendersWaitAndMemoryStaysBounded() throws Exception {
        long bound = 256 * 1024;
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            cluster.limits("""
                    {"maxFrameSize": "64KiB", "outboundQueue": "256KiB"}""");
            cluster.timeouts("""
                    {"heartbeatInterval": "200ms", "heartbeatTimeout": "2m", "sendTimeout": "2m"}"""); // b reads nothing for a while: beyond every wait below
            ClusterNode a = cluster.start("a");
            ClusterNode b = cluster.start("b");
            awaitConnected(a, b);
            try (Mailbox inbox = b.node().newMailbox()) {
                Address remote = a.node().bind(inbox.address());
                b.transport().pauseReading("a", true);
                int senders = 16;
                int each = 400; // 16 x 400 x 8 KiB = 50 MiB: far beyond the queue and the socket buffers
                AtomicInteger sent = new AtomicInteger();
                AtomicLong maxQueued = new AtomicLong();
                AtomicBoolean stop = new AtomicBoolean();
                Thread sampling = sampler(() -> a.stats().queuedBytes(), maxQueued, stop);
                List<Thread> threads = senders(senders, s -> {
                    for (int n = 0; n < each; n++) {
                        remote.send(new Blob(new byte[8 * 1024]));
                        sent.incrementAndGet();
                    }
                });
                // every sender parks on the full queue (more get through while the kernel's socket
                // buffers still grow, but never more than those buffers hold)
                await().atMost(LONG).until(() -> a.stats().queuedBytes() > bound / 2
                        && threads.stream().allMatch(LoadAndBackPressureTest::waitsForRoomInTheQueue));
                await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
                int through = sent.get();
                assertTrue(through < senders * each / 4, "at most the buffers' worth got through: " + through + " x 8 KiB");
                assertTrue(threads.stream().allMatch(Thread::isAlive), "the senders are still waiting");

                b.transport().pauseReading("a", false);
                int received = 0;
                while (received < senders * each) {
                    inbox.receive(Blob.class, LONG).orElseThrow(() -> new AssertionError("a message is missing"));
                    received++;
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                stop.set(true);
                sampling.join();
                assertTrue(maxQueued.get() <= bound + 64 * 1024, "queued at most the bound: " + maxQueued.get());
                assertEquals(0, a.stats().droppedQueueFull());
            }
        }
    }

    @Test
    void anUnreachablePeerMakesSendersWaitThenItsMessagesAreDroppedAndCounted() throws Exception {
        long bound = 64 * 1024;
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            cluster.limits("""
                    {"maxFrameSize": "16KiB", "outboundQueue": "64KiB"}""");
            cluster.timeouts("""
                    {"sendTimeout": "200ms", "undeliverableWait": "400ms", "reconnectMin": "50ms", "reconnectMax": "200ms"}""");
            ClusterNode a = cluster.start("a"); // b never starts
            Address nowhere = a.node().bind(Address.of(new NodeId("b", 5), 1));
            int senders = 4;
            int each = 25; // 100 x 8 KiB = 800 KiB against a 64 KiB queue
            AtomicLong maxQueued = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread sampling = sampler(() -> a.stats().queuedBytes(), maxQueued, stop);
            long start = System.nanoTime();
            List<Thread> threads = senders(senders, s -> {
                for (int n = 0; n < each; n++) {
                    nowhere.send(new Blob(new byte[8 * 1024]));
                }
            });
            for (Thread thread : threads) {
                thread.join();
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            await().atMost(WAIT).until(() -> a.stats().queuedBytes() == 0);
            stop.set(true);
            sampling.join();
            ClusterStats stats = a.stats();
            assertEquals(senders * each, stats.droppedQueueFull() + stats.droppedUndeliverable(), stats.toString());
            assertTrue(stats.droppedUndeliverable() > 0 && stats.droppedQueueFull() > 0, stats.toString());
            assertTrue(elapsedMillis >= 400, "senders waited for room (" + elapsedMillis + " ms)");
            assertTrue(maxQueued.get() <= bound + 16 * 1024, "queued at most the bound: " + maxQueued.get());
        }
    }

    /** Parked on the outbound queue (untimed: the scheduler watches its deadline, see DESIGN-NOTES.md). */
    private static boolean waitsForRoomInTheQueue(Thread thread) {
        Object blocker = LockSupport.getBlocker(thread);
        return (thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING)
                && blocker != null && blocker.getClass().getSimpleName().equals("Outbox");
    }
}
