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
    void aHostedBenchmarkThreadCallsTheErlEchoAndRunsOnTheDistReaderAfterEachReply() throws Exception {
        assumeTrue(RemoteBench.onPath("erl") && RemoteBench.onPath("erlc"), "Erlang/OTP is not installed");
        HostedDistCallerState state = new HostedDistCallerState();
        state.start();
        HostedBenchmarkThreads threads = new HostedBenchmarkThreads(1, "hosted-bench");
        try {
            Future<String> carrier = threads.submit(() -> {
                for (int i = 0; i < CALLS; i++) {
                    new DistRoundTripHosted().javaToErl(state);
                }
                return Thread.currentThread().toString(); // VirtualThread[#id,name]/runnable@CARRIER
            });
            String thread = carrier.get(2, TimeUnit.MINUTES);
            assertTrue(thread.contains("hosted-bench-1") && thread.contains("@dist-reader "), thread);
        } finally {
            threads.shutdown();
            assertTrue(threads.awaitTermination(1, TimeUnit.MINUTES));
            state.stop();
        }
    }
}
