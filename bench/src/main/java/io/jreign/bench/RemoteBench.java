package io.jreign.bench;

import io.jreign.bench.cluster.ClusterLoad;
import io.jreign.bench.dist.Beams;
import io.jreign.bench.dist.DistLoad;
import io.jreign.bench.dist.ErlangClients;
import io.jreign.bench.pekko.PekkoLoad;
import io.jreign.bench.remote.Results;
import io.jreign.bench.remote.Timing;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The timed two-node workloads (JMH runs the single-caller round trips), as {@code bench/compare}
 * runs them: {@code RemoteBench quick|full ONLY_REGEX [SKIP_REGEX]}, in a JVM with
 * {@link io.jreign.bench.remote.RemoteJvm#FLAGS}. Each workload has names in
 * JMH's style and runs when ONLY finds one of them and SKIP finds none (SKIP: nothing by default);
 * results are {@code RESULT name value unit} lines on standard output. A workload that fails is
 * reported on standard error and the others still run; the exit status is then 1.
 */
public final class RemoteBench {
    private static final String CLUSTER = "io.jreign.bench.cluster.ClusterLoad.";
    private static final String DIST = "io.jreign.bench.dist.DistLoad.";

    /** A workload, the names that select it, and whether it needs Erlang/OTP. */
    record Workload(List<String> names, boolean erlang, Consumer<Context> run) {}

    /** What a workload runs with. */
    record Context(String mode, Results results, PrintStream out, Beams beams) {}

    static final List<Workload> WORKLOADS = List.of(
            new Workload(List.of(CLUSTER + "jreign"), false, c -> ClusterLoad.run(c.mode(), c.results())),
            new Workload(List.of(CLUSTER + "pekkoArtery"), false, c -> PekkoLoad.run(c.mode(), c.results())),
            new Workload(List.of(CLUSTER + "erlangTls"), true,
                    c -> ErlangClients.erlToErl(c.mode(), true, c.beams(), c.out())),
            new Workload(List.of(CLUSTER + "erlangTcp", DIST + "erlToErl"), true,
                    c -> ErlangClients.erlToErl(c.mode(), false, c.beams(), c.out())),
            new Workload(List.of(DIST + "javaToErl"), true, c -> DistLoad.run(c.mode(), c.results(), c.beams())),
            new Workload(List.of(DIST + "erlToJava"), true, c -> ErlangClients.erlToJava(c.mode(), c.beams(), c.out())));

    private RemoteBench() {}

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: RemoteBench quick|full ONLY_REGEX [SKIP_REGEX]");
            System.exit(2);
        }
        if (run(args[0], args[1], args.length == 3 ? args[2] : null, System.out, System.err) > 0) {
            System.exit(1);
        }
    }

    /**
     * Runs the selected workloads in {@code mode} ({@code quick}, {@code full}, or {@code smoke}
     * for the tests), results to {@code out}, progress and failures to {@code log}.
     *
     * @return how many workloads failed
     */
    static int run(String mode, String only, String skip, PrintStream out, PrintStream log) {
        Timing timing = Timing.named(mode);
        List<Workload> selected = select(only, skip);
        if (selected.isEmpty()) {
            log.println("RemoteBench: no two-node workload matches '" + only + "'");
            return 0;
        }
        boolean erlang = onPath("erl") && onPath("erlc");
        Beams beams = erlang && selected.stream().anyMatch(Workload::erlang) ? Beams.locate() : null;
        Context context = new Context(mode, new Results(out), out, beams);
        int failed = 0;
        try {
            for (Workload workload : selected) {
                String name = workload.names().getFirst();
                if (workload.erlang() && beams == null) {
                    log.println("RemoteBench: erl/erlc not found, skipping " + name);
                    continue;
                }
                log.println("RemoteBench: " + name + " (" + timing + ")");
                try {
                    workload.run().accept(context);
                } catch (RuntimeException e) {
                    failed++;
                    log.println("RemoteBench: " + name + " failed:");
                    e.printStackTrace(log);
                }
            }
        } finally {
            if (beams != null) {
                beams.close();
            }
        }
        return failed;
    }

    /** The workloads {@code only} selects and {@code skip} (if any) does not. */
    static List<Workload> select(String only, String skip) {
        Pattern include = Pattern.compile(only);
        Pattern exclude = skip == null || skip.isEmpty() ? null : Pattern.compile(skip);
        List<Workload> selected = new ArrayList<>();
        for (Workload workload : WORKLOADS) {
            boolean in = workload.names().stream().anyMatch(name -> include.matcher(name).find()
                    && (exclude == null || !exclude.matcher(name).find()));
            if (in) {
                selected.add(workload);
            }
        }
        return selected;
    }

    /** Whether {@code program} is an executable on the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
