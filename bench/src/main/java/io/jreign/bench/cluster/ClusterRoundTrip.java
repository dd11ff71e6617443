package io.jreign.bench.cluster;

import io.jreign.bench.echo.EchoState;
import io.jreign.bench.pekko.PekkoCallerState;
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
 * Round trip with one caller between two JVMs on loopback, over TLS 1.3 with mutual
 * authentication and certtool's EC P-256 keys; JMH samples every call, so the result has the
 * percentiles (the table shows p50 and p99, in microseconds). The caller is the benchmark thread
 * in each case; the far end runs in a peer JVM started by the benchmark's state.
 * <ul>
 *   <li>{@link #jreign}: a mailbox on cluster node a marks, sends {@code Call(self, tag)} to an
 *       echo process on node b and receives the {@code Reply(tag)} (the gen_server:call
 *       analogue). Target: p50 ≤ 1.3 × {@link #rawTlsEcho}.</li>
 *   <li>{@link #rawTlsEcho}: 32 bytes written and read back through Netty with the cluster's TLS
 *       implementation and NIO event loops, as a cluster connection: the floor under
 *       {@link #jreign}.</li>
 *   <li>{@link #rawTlsEchoJdk}, {@link #rawTcpEcho}: the same over blocking JDK sockets, TLS 1.3
 *       and plain TCP (for reference).</li>
 *   <li>{@link #pekkoArtery}: Pekko's {@code ask} to an echo actor over Artery TLS.</li>
 * </ul>
 * Erlang's round trip over (TLS) distribution is measured in the same {@code bench/compare} run
 * by {@code bench/erlang/bench_dist.erl}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {RemoteJvm.NATIVE_ACCESS, RemoteJvm.UNSAFE_ACCESS, RemoteJvm.OPEN_LANG, RemoteJvm.HEAP,
        RemoteJvm.QUIET_LOGS})
public class ClusterRoundTrip {

    @Benchmark
    public void jreign(ClusterCallerState state) {
        state.caller.call();
    }

    @Benchmark
    public int rawTlsEcho(EchoState state) {
        return state.echo.nettyTls().roundTrip();
    }

    @Benchmark
    public int rawTlsEchoJdk(EchoState state) {
        return state.echo.jdkTls().roundTrip();
    }

    @Benchmark
    public int rawTcpEcho(EchoState state) {
        return state.echo.tcp().roundTrip();
    }

    @Benchmark
    public Object pekkoArtery(PekkoCallerState state) {
        return state.pair.call();
    }
}
