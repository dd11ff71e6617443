package io.jreign.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.bench.cluster.ClusterCallerState;
import io.jreign.bench.cluster.ClusterRoundTrip;
import io.jreign.bench.dist.DistCallerState;
import io.jreign.bench.dist.DistRoundTrip;
import io.jreign.bench.dist.DistRoundTripHosted;
import io.jreign.bench.dist.HostedDistCallerState;
import io.jreign.bench.remote.HostedBenchmarkThreads;
import io.jreign.bench.echo.EchoClient;
import io.jreign.bench.echo.EchoState;
import io.jreign.bench.pekko.PekkoCallerState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two-JVM JMH round trips without JMH: each state's setup (peer JVM or erl node, TLS, the
 * connection), a few operations, and its teardown. Nothing is measured.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RoundTripStatesIT {
    private static final int CALLS = 20;

    @Test
    void theClusterRoundTripGetsItsReplies() {
        ClusterCallerState state = new ClusterCallerState();
        state.start();
        try {
            for (int i = 0; i < CALLS; i++) {
                new ClusterRoundTrip().jreign(state); // throws unless the tagged reply comes back
            }
        } finally {
            state.stop();
        }
    }

    @Test
    void everyRawEchoGivesBackAllItsBytes() {
        EchoState state = new EchoState();
        state.start();
        try {
            ClusterRoundTrip benchmark = new ClusterRoundTrip();
            for (int i = 0; i < CALLS; i++) {
                assertEquals(EchoClient.SIZE, benchmark.rawTlsEcho(state));
                assertEquals(EchoClient.SIZE, benchmark.rawTlsEchoJdk(state));
                assertEquals(EchoClient.SIZE, benchmark.rawTcpEcho(state));
            }
        } finally {
            state.stop();
        }
    }

    @Test
    void pekkosAskIsAnsweredWithTheRequest() {
        PekkoCallerState state = new PekkoCallerState();
        state.start();
        try {
            for (int i = 0; i < CALLS; i++) {
                assertEquals(1L, new ClusterRoundTrip().pekkoArtery(state));
            }
        } finally {
            state.stop();
        }
    }

    @Test
    void javaCallsTheErlEchoOverDistribution() {
        assumeTrue(RemoteBench.onPath("erl") && RemoteBench.onPath("erlc"), "Erlang/OTP is not installed");
        DistCallerState state = new DistCallerState();
        state.start();
        try {
            for (int i = 0; i < CALLS; i++) {
                new DistRoundTrip().javaToErl(state); // throws unless echo answers ping
            }
        } finally {
            state.stop();
        }
    }

    @Test
    void aHostedBenchmarkThreadCallsTheErlEchoAndRunsOnTheDistReaderAfterTheReplies() throws Exception {
        assumeTrue(RemoteBench.onPath("erl") && RemoteBench.onPath("erlc"), "Erlang/OTP is not installed");
        HostedDistCallerState state = new HostedDistCallerState();
        state.start();
        HostedBenchmarkThreads threads = new HostedBenchmarkThreads(1, "hosted-bench");
        try {
            Future<List<String>> carriers = threads.submit(() -> {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    new DistRoundTripHosted().javaToErl(state);
                    seen.add(Thread.currentThread().toString()); // VirtualThread[#id,name]/runnable@CARRIER
                }
                return seen;
            });
            List<String> seen = carriers.get(2, TimeUnit.MINUTES);
            assertTrue(seen.stream().allMatch(thread -> thread.contains("hosted-bench-1")), seen::toString);
            // A reply that lands before the caller parks (a preempted carrier) leaves it where it was,
            // so not every call need end on the reader, but on a working host most do.
            long onReader = seen.stream().filter(thread -> thread.contains("@dist-reader ")).count();
            assertTrue(onReader >= CALLS / 2, onReader + " of " + CALLS + " calls ended on the reader: " + seen);
        } finally {
            threads.shutdown();
            assertTrue(threads.awaitTermination(1, TimeUnit.MINUTES));
            state.stop();
        }
    }
}
