package io.jreign.otp.demo;

import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.gen.GenServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The demo node: {@code otp-node --name NAME --cookie COOKIE [--epmd-port N] [--hidden] [--hosted]
 * [--busy-wait MICROS]}.
 * Starts an {@link OtpNode} with an {@link EchoServer} registered as {@code echo}, prints
 * {@code ready NAME}, and runs until the JVM is stopped (SIGINT/SIGTERM), closing the node on the
 * way out. With
 * {@code --hosted} its processes run on the DIST reader that woke them
 * ({@link OtpNodeConfig#withHostedProcesses}); with {@code --busy-wait} each DIST reader polls its
 * socket that many microseconds before it blocks ({@link io.jreign.otp.dist.DistConfig#readerBusyWait()}).
 */
public final class OtpNodeMain {
    private OtpNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = null;
        String cookie = null;
        Integer epmdPort = null;
        boolean hidden = false;
        boolean hosted = false;
        Duration busyWait = Duration.ZERO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--name" -> name = args[++i];
                case "--cookie" -> cookie = args[++i];
                case "--epmd-port" -> epmdPort = Integer.parseInt(args[++i]);
                case "--hidden" -> hidden = true;
                case "--hosted" -> hosted = true;
                case "--busy-wait" -> busyWait = busyWaitOf(args[++i]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (name == null || cookie == null) {
            usage("--name and --cookie are required");
        }
        if (name.indexOf('@') < 0) {
            name = name + "@localhost";
        }
        OtpNodeConfig config = OtpNodeConfig.of(name, cookie).withHidden(hidden).withHostedProcesses(hosted);
        config = config.withDist(config.dist().withReaderBusyWait(busyWait));
        if (epmdPort != null) {
            config = config.withEpmdPort(epmdPort);
        }
        OtpNode node = OtpNode.start(config);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            done.countDown();
        }));
        GenServer.start(node.processes(), "echo", new EchoServer(), null, Duration.ofSeconds(10));
        System.out.println("ready " + node.name());
        System.out.flush();
        done.await();
    }

    /** {@code --busy-wait}'s microseconds, 0 to 1,000,000. */
    private static Duration busyWaitOf(String micros) {
        try {
            long value = Long.parseLong(micros);
            if (value >= 0 && value <= 1_000_000) {
                return Duration.ofNanos(value * 1_000);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("--busy-wait takes microseconds from 0 to 1000000, was " + micros);
        return Duration.ZERO;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: otp-node --name NAME --cookie COOKIE [--epmd-port N] [--hidden] [--hosted] [--busy-wait MICROS]");
        System.exit(2);
    }
}
