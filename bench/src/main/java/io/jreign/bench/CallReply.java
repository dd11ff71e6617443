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
 * Request/reply with a server process, the {@code gen_server:call} analogue: a client process
 * takes a {@link io.jreign.mailbox.Mark}, sends {@code Call(self, tag)} to a server process, and
 * receives the {@code Reply(tag)} looking only after the mark. One operation is one call, in
 * nanoseconds. Both ends are spawned processes; the benchmark thread drives the client in batches
 * of {@value #CALLS} calls, as in {@link PingPong}.
 *
 * <p>Erlang equivalent ({@code bench/erlang/bench_call.erl}): a client process doing
 * {@code gen_server:call(Server, ping)} in a loop against a {@code gen_server} whose
 * {@code handle_call} replies at once. Note that {@code gen_server:call} also monitors the server
 * for the duration of the call, which this jreign workload does not (jreign's equivalent, a close
 * watch, belongs to a later gen_server layer).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE_ACCESS, BenchJvm.MAX_HEAP})
public class CallReply {
    static final int CALLS = 10_000;

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void jreign(CallReplyProcesses processes) {
        processes.calls(CALLS);
    }

    /** The same with a 5 s timeout on each reply, as {@code gen_server:call} has by default. */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void jreignWithTimeout(CallReplyProcesses.Timed processes) {
        processes.calls(CALLS);
    }
}
