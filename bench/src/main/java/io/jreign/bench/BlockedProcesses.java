package io.jreign.bench;

import io.jreign.mailbox.Node;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/**
 * {@link SpawnBlocked#jreign}'s state: a fresh node each iteration whose scheduler records the
 * process threads, the heap baseline before the spawns, and the footprint after them.
 */
@State(Scope.Thread)
public class BlockedProcesses {
    @Param("1000000")
    public int count;

    private Thread[] threads;
    private Node node;
    private RecordingScheduler scheduler;
    private long heapBefore;

    @Setup(Level.Trial)
    public void allocate() {
        threads = new Thread[count];
    }

    @Setup(Level.Iteration)
    public void startNode() {
        scheduler = new RecordingScheduler(threads);
        node = Node.builder("bench-spawn").scheduler(scheduler).start();
        heapBefore = HeapMeter.usedAfterFullGc();
    }

    /**
     * Spawns {@link #count} processes that each block in {@code receive()}, and returns once all
     * do. The spawning and polling run on a virtual thread, as the spawning process in Erlang.
     */
    public void spawnAllAndAwaitBlocked() throws InterruptedException {
        Thread.ofVirtual().start(this::spawnAndPoll).join();
    }

    private void spawnAndPoll() {
        for (int i = 0; i < count; i++) {
            node.spawn(self -> self.receive());
        }
        AllWaiting.await(threads, scheduler.count());
    }

    @TearDown(Level.Iteration)
    public void measureAndKill(Footprint footprint, IterationParams iteration) throws InterruptedException {
        footprint.record(heapDelta(), count, iteration);
        killAll();
    }

    /** Heap used now minus before the spawns, both after full GC. */
    long heapDelta() {
        return HeapMeter.usedAfterFullGc() - heapBefore;
    }

    /** Closes the node, which kills the processes, and waits until every thread has ended. */
    void killAll() throws InterruptedException {
        node.close();
        for (int i = 0; i < scheduler.count(); i++) {
            threads[i].join();
        }
        Arrays.fill(threads, null);
    }
}
