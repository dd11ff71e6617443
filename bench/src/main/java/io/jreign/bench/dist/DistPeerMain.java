package io.jreign.bench.dist;

import io.jreign.bench.remote.Hosting;
import io.jreign.bench.remote.Lifeline;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.demo.EchoServer;
import io.jreign.otp.gen.GenServer;
import java.time.Duration;
import java.util.List;

/**
 * The Java node erl calls in the erl→Java workloads, in a JVM of its own:
 * {@code DistPeerMain NAME COOKIE EPMD_PORT hosted|pooled} starts an {@link OtpNode} (with hosted processes or not) with otp-compat's demo
 * {@link EchoServer} registered as {@code echo} (a call X is answered X) and a {@link DistSink}
 * registered as {@code sink}, prints {@code READY}, and runs until its standard input ends.
 */
public final class DistPeerMain {
    private DistPeerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !List.of("hosted", "pooled").contains(args[3])) {
            System.err.println("usage: DistPeerMain NAME COOKIE EPMD_PORT hosted|pooled");
            System.exit(2);
        }
        OtpNodeConfig config = OtpNodeConfig.of(args[0], args[1]).withEpmdPort(Integer.parseInt(args[2]))
                .withHostedProcesses(args[3].equals("hosted"));
        config = config.withDist(config.dist().withReaderBusyWait(Hosting.busyWait(config.hostedProcesses())));
        try (OtpNode node = OtpNode.start(config)) {
            GenServer.start(node.processes(), "echo", new EchoServer(), null, Duration.ofSeconds(30));
            node.spawn("sink", DistSink::run);
            System.out.println("READY");
            System.out.flush();
            Lifeline.awaitEnd();
        }
    }
}
