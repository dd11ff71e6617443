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
 * {@link DistRoundTrip}'s Java→erl {@code gen_server:call} round trip from a Java node with hosted
 * processes ({@code OtpNodeConfig.withHostedProcesses}): the benchmark thread is one of its
 * processes ({@link io.jreign.bench.remote.HostedBenchmarkThreads}), so the reply's DIST reader
 * runs the caller on. Target as there: no slower than erl→erl (ratio ≤ 1.0).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {RemoteJvm.NATIVE_ACCESS, RemoteJvm.UNSAFE_ACCESS, RemoteJvm.OPEN_LANG, RemoteJvm.HEAP,
        RemoteJvm.QUIET_LOGS, "-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.jreign.bench.remote.HostedBenchmarkThreads"})
public class DistRoundTripHosted {

    @Benchmark
    public void javaToErl(HostedDistCallerState state) {
        state.caller.call();
    }
}
