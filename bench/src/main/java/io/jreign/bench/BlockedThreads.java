package io.jreign.bench;

import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/**
 * {@link SpawnBlocked#jdkFloorLinkedBlockingQueue}'s state: virtual threads each blocked in
 * {@code take()} on a {@link LinkedBlockingQueue} of its own, measured as {@link BlockedProcesses} is.
 */
@State(Scope.Thread)
public class BlockedThreads {
    @Param("1000000")
    public int count;

    private Thread[] threads;
    private long heapBefore;

    @Setup(Level.Trial)
    public void allocate() {
        threads = new Thread[count];
    }

    @Setup(Level.Iteration)
    public void baseline() {
        heapBefore = HeapMeter.usedAfterFullGc();
    }

    /**
     * Starts {@link #count} virtual threads that each block on their own queue, and returns once
     * all do; the starting and polling run on a virtual thread, as in {@link BlockedProcesses}.
     */
    public void startAllAndAwaitBlocked() throws InterruptedException {
        Thread.ofVirtual().start(this::startAndPoll).join();
    }

    private void startAndPoll() {
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < count; i++) {
            LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
            threads[i] = builder.start(() -> takeOne(queue));
        }
        AllWaiting.await(threads, count);
    }

    @TearDown(Level.Iteration)
    public void measureAndStop(Footprint footprint, IterationParams iteration) throws InterruptedException {
        footprint.record(heapDelta(), count, iteration);
        stopAll();
    }

    /** Heap used now minus before the threads started, both after full GC. */
    long heapDelta() {
        return HeapMeter.usedAfterFullGc() - heapBefore;
    }

    /** Interrupts every thread out of its {@code take()} and waits until each has ended. */
    void stopAll() throws InterruptedException {
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Arrays.fill(threads, null);
    }

    private static void takeOne(LinkedBlockingQueue<Object> queue) {
        try {
            queue.take();
        } catch (InterruptedException stop) {
            // teardown
        }
    }
}
