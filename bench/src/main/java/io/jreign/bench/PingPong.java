package io.jreign.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Local message round trip: one process sends {@code Ping(self)} to an echo process, which answers
 * {@code PONG}; one operation is one full round trip, in nanoseconds.
 *
 * <p>Both ends are spawned processes (virtual threads), because in the Erlang workload both ends
 * are processes on the schedulers. The benchmark thread, a platform thread, only starts a batch of
 * {@value #ROUND_TRIPS} round trips and waits for its end, so its own wake-up costs under 1 ns per
 * round trip.
 *
 * <p>Erlang equivalent ({@code bench/erlang/bench_pingpong.erl}): a pinger process doing
 * {@code Echo ! {ping, self()}, receive pong -> ok end} in a loop against
 * {@code echo() -> receive {ping, From} -> From ! pong, echo() end}.
 *
 * <ul>
 *   <li>{@link #jreign}: the workload above.</li>
 *   <li>{@link #jdkFloorSynchronousQueue}: the same shape with two virtual threads and two
 *       {@link java.util.concurrent.SynchronousQueue}s: what the JDK's own hand-off costs.</li>
 *   <li>{@link #jreignFromPlatformThread}: for information, one round trip between the benchmark
 *       thread's own mailbox and the echo process (a platform thread parking and waking each time).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE_ACCESS, BenchJvm.MAX_HEAP})
public class PingPong {
    static final int ROUND_TRIPS = 10_000;

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void jreign(PingPongProcesses processes) {
        processes.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void jdkFloorSynchronousQueue(SynchronousQueuePair pair) throws InterruptedException {
        pair.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    public Object jreignFromPlatformThread(PingPongProcesses processes) {
        return processes.roundTripFromHere();
    }
}
