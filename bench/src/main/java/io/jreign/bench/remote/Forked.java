package io.jreign.bench.remote;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one throughput workload in a JVM of its own and passes its {@code RESULT} lines on, as JMH
 * forks a JVM per benchmark. The JIT compiles for the traffic it has seen: run after the 16-caller
 * workload in the same JVM, the jreign cluster's one-way workload ran at 1.1 to 1.4 M msgs/s
 * against about 2.0 M in a fresh JVM, so each figure would depend on what ran before it.
 */
public final class Forked {
    /** Generous: 25 repetitions of a second plus the JVMs' start. */
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private Forked() {}

    /**
     * Runs {@code main} with {@code args} in a new JVM ({@link RemoteJvm#command}), with
     * {@code environment} added to this one's, and reports its results to {@code results}.
     *
     * @throws IllegalStateException if it fails or does not finish in time, with its output
     */
    public static void run(String name, Class<?> main, List<String> args, Map<String, String> environment,
                           Results results) {
        try (TempDir dir = TempDir.create("forked");
             Child child = Child.start(name, RemoteJvm.command(main, args), environment, dir.resolve("stderr"))) {
            for (String line : child.awaitExit(LIMIT)) {
                String[] fields = line.split(" ");
                if (fields.length == 4 && fields[0].equals("RESULT")) {
                    results.result(fields[1], Double.parseDouble(fields[2]), fields[3]);
                }
            }
        }
    }

    /**
     * Runs each of {@code workloads} forked: {@code main} gets {@code mode} and the workload's name.
     */
    public static void each(Class<?> main, String mode, List<String> workloads, Map<String, String> environment,
                            Results results) {
        for (String workload : workloads) {
            run(main.getSimpleName() + " " + workload, main, List.of(mode, workload), environment, results);
        }
    }

    /**
     * The end of a forked workload's {@code main}: flushes its results and exits, so that no
     * leftover thread of the libraries keeps the JVM up.
     */
    public static void exit() {
        System.out.flush();
        System.exit(0);
    }
}
