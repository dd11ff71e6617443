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
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {RemoteJvm.NATIVE_ACCESS, RemoteJvm.UNSAFE_ACCESS, RemoteJvm.HEAP, RemoteJvm.QUIET_LOGS})
public class DistRoundTrip {

    @Benchmark
    public void javaToErl(DistCallerState state) {
        state.caller.call();
    }
}
