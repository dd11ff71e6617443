package io.jreign.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 10^6 processes blocked in receive. One shot spawns {@code count} processes whose body is
 * {@code self.receive()} and returns once every one of them is parked in it (each thread's state is
 * polled until it is {@code WAITING}); the score is that time, in milliseconds. Spawning and
 * polling run on a virtual thread, as they run in a process in Erlang. The secondary
 * result {@code bytesEach} is the heap used after full GC with all of them blocked, minus the same
 * before, divided by {@code count}: what one blocked process costs (virtual thread, stack,
 * mailbox, address, the node's table entry). The teardown closes the node, which kills them, and
 * joins every thread before the next iteration.
 *
 * <p>Erlang equivalent ({@code bench/erlang/bench_spawn.erl}): spawn 10^6
 * {@code fun() -> receive _ -> ok end end} processes and poll {@code process_info(P, status)}
 * until each is {@code waiting}; memory is the {@code erlang:memory(processes)} delta, less the
 * measuring process's own growth (its list of pids).
 *
 * <p>The fork runs with {@code -Xmn4g} ({@link BenchJvm#MILLION_PROCESS_YOUNG_GEN}): sized for a
 * million processes, as such a service would be. {@link SpawnBlockedDefaultHeap} runs the same
 * workload on the default young generation, to show what the sizing buys.
 *
 * <p>{@link #jdkFloorLinkedBlockingQueue}: the JDK floor, 10^6 virtual threads each blocked in
 * {@code take()} on its own {@link java.util.concurrent.LinkedBlockingQueue}, measured the same way.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE_ACCESS, BenchJvm.MAX_HEAP,
        BenchJvm.MILLION_PROCESS_YOUNG_GEN})
public class SpawnBlocked {

    @Benchmark
    public void jreign(BlockedProcesses processes) throws InterruptedException {
        processes.spawnAllAndAwaitBlocked();
    }

    @Benchmark
    public void jdkFloorLinkedBlockingQueue(BlockedThreads threads) throws InterruptedException {
        threads.startAllAndAwaitBlocked();
    }
}
