package io.jreign.bench.dist;

import io.jreign.bench.remote.RemoteJvm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Java→erl {@code gen_server:call} round trip over the Erlang distribution: a jreign
 * {@link io.jreign.otp.OtpNode} process (the benchmark thread's) calls {@code {echo, ErlNode}}
 * with {@code GenServer.call}, which monitors the server, sends {@code $gen_call} and waits for the
 * reply, as {@code gen_server:call} does; the erl node runs {@code bench_dist_server.erl}. JMH
 * samples every call (p50 and p99 in the table, microseconds). The erl→erl and erl→Java round
 * trips of the same {@code bench/compare} run come from {@code bench_dist.erl}.
 * Target: no slower than erl→erl (ratio ≤ 1.0).
 *
 * <p>The benchmark thread is a virtual thread ({@code -Djmh.executor=VIRTUAL}, JMH 1.37+): a
 * jreign process that calls a gen_server is one, and the erl→erl baseline's caller is an Erlang
 * process. On JMH's default platform thread the wake-up of the caller when the reply arrives (a
 * futex wake of a parked platform thread, 20-30 µs on the 2-core bench machine) would be timed
 * instead of what a user's process sees.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {RemoteJvm.NATIVE_ACCESS, RemoteJvm.UNSAFE_ACCESS, RemoteJvm.OPEN_LANG, RemoteJvm.HEAP, RemoteJvm.QUIET_LOGS,
        DistRoundTrip.VIRTUAL_BENCHMARK_THREAD})
public class DistRoundTrip {
    /** JMH runs the benchmark method on a virtual thread, as a jreign process runs. */
    static final String VIRTUAL_BENCHMARK_THREAD = "-Djmh.executor=VIRTUAL";

    @Benchmark
    public void javaToErl(DistCallerState state) {
        state.caller.call();
    }
}
