package io.jreign.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs each benchmark's setup, one operation and teardown directly, without JMH, so that the build
 * proves the benchmark code works. Nothing here measures anything.
 */
@Timeout(60)
class BenchmarksWorkTest {

    @Test
    void simulationSeedsAreDeterministic() {
        assertEquals(SimulationSeeds.scenario(11), SimulationSeeds.scenario(11), "same seed, same trace");
        assertTrue(SimulationSeeds.scenario(11) != SimulationSeeds.scenario(12), "another seed, another run");
    }

    @Test
    void pingPongRoundTrips() {
        PingPongProcesses processes = new PingPongProcesses();
        processes.start();
        try {
            new PingPong().jreign(processes);
            assertEquals(Signal.PONG, new PingPong().jreignFromPlatformThread(processes));
        } finally {
            processes.stop();
        }
    }

    @Test
    void synchronousQueueFloorRoundTrips() throws InterruptedException {
        SynchronousQueuePair pair = new SynchronousQueuePair();
        pair.start();
        try {
            new PingPong().jdkFloorSynchronousQueue(pair);
        } finally {
            pair.stop();
        }
    }

    @Test
    void oneWaySendDeliversWholeBatches() {
        DrainingConsumer consumer = new DrainingConsumer();
        consumer.start();
        try {
            Producer producer = new Producer();
            producer.open(consumer);
            new OneWaySend().oneProducer(consumer, producer);
            new OneWaySend().fourProducers(consumer, producer);
            producer.settle(); // returns only once the consumer acked the last batch
        } finally {
            consumer.stop();
        }
    }

    @Test
    void callReplyCalls() {
        CallReplyProcesses processes = new CallReplyProcesses();
        processes.start();
        try {
            new CallReply().jreign(processes);
        } finally {
            processes.stop();
        }
    }

    @Test
    void callReplyWithTimeoutsCalls() {
        CallReplyProcesses.Timed processes = new CallReplyProcesses.Timed();
        processes.start();
        try {
            new CallReply().jreignWithTimeout(processes);
        } finally {
            processes.stop();
        }
    }

    @Test
    void markedReceiveFindsTheReplyAndLeavesTheQueueAsItWas() {
        MarkedReceive benchmark = new MarkedReceive();
        benchmark.queued = 100;
        benchmark.fill();
        long first = benchmark.withMark().tag();
        assertEquals(first + 1, benchmark.withoutMark().tag());
        assertEquals(first + 2, benchmark.withMark().tag());
        benchmark.stop(); // throws unless exactly the 100 queued messages are left
    }

    @Test
    void spawnBlockedReturnsWhenAllProcessesWaitAndKillsThem() throws InterruptedException {
        BlockedProcesses processes = new BlockedProcesses();
        processes.count = 1_000;
        processes.allocate();
        processes.startNode();
        new SpawnBlocked().jreign(processes);
        processes.heapDelta();
        processes.killAll(); // joins every process thread
    }

    @Test
    void spawnBlockedFloorReturnsWhenAllThreadsWaitAndStopsThem() throws InterruptedException {
        BlockedThreads threads = new BlockedThreads();
        threads.count = 1_000;
        threads.allocate();
        threads.baseline();
        new SpawnBlocked().jdkFloorLinkedBlockingQueue(threads);
        threads.heapDelta();
        threads.stopAll();
    }

    @Test
    void idleMailboxesAreCreatedAndClosed() {
        IdleMailboxState mailboxes = new IdleMailboxState();
        mailboxes.count = 1_000;
        mailboxes.allocate();
        mailboxes.startNode();
        new IdleMailboxes().jreign(mailboxes);
        mailboxes.heapDelta();
        mailboxes.closeAll();
    }

    @Test
    void heapMeterReadsAPositiveHeap() {
        assertTrue(HeapMeter.usedAfterFullGc() > 0);
    }

    @Test
    void allWaitingReturnsForParkedThreads() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread[] threads = {Thread.ofVirtual().start(() -> awaitQuietly(release))};
        Thread.ofVirtual().start(() -> AllWaiting.await(threads, 1)).join();
        assertEquals(Thread.State.WAITING, threads[0].getState());
        release.countDown();
        threads[0].join();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void recordSerializationCarriesTheQuoteIntactBothWays() {
        RecordSerialization benchmark = new RecordSerialization();
        assertEquals(benchmark.quote(), benchmark.jreign());
        assertEquals(benchmark.quote(), benchmark.kryoRecordSerializer());
    }
}
