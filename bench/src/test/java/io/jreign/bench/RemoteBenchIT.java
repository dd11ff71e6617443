package io.jreign.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every two-node driver {@code bench/compare} runs, end to end with tiny counts ({@code smoke}:
 * one repetition of 50 ms): peer JVMs, erl nodes, TLS, and the RESULT lines the table reads. Each
 * one-way run checks the sink's counts, so this also proves no message was lost. Nothing is measured.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RemoteBenchIT {
    private static final List<String> WORKLOADS = List.of("_callers16", "_oneway_small", "_oneway_1k");
    private static final List<String> ROUND_TRIPS = List.of("_rt_p50", "_rt_p99");

    private static Map<String, Double> run(String only) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int failed = RemoteBench.run("smoke", only, null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String logged = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, failed, logged);
        Map<String, Double> results = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split(" ");
            assertEquals(4, parts.length, "a RESULT line: " + line);
            assertEquals("RESULT", parts[0], line);
            results.put(parts[1], Double.parseDouble(parts[2]));
        }
        return results;
    }

    private static void assertFigures(Map<String, Double> results, String prefix, List<String> suffixes) {
        for (String suffix : suffixes) {
            Double value = results.get(prefix + suffix);
            assertTrue(value != null && value > 0, prefix + suffix + " in " + results);
        }
    }

    @Test
    void theClusterAndPekkoDriversReportEveryFigure() {
        Map<String, Double> results = run("ClusterLoad\\.(jreign|pekkoArtery)");
        assertFigures(results, "cluster", WORKLOADS);
        assertFigures(results, "pekko", WORKLOADS);
        assertFigures(results, "cluster", List.of("_callers16_hosted"));
        assertEquals(7, results.size(), results.toString());
    }

    @Test
    void theErlangDistributionDriversReportEveryFigure() {
        assumeTrue(RemoteBench.onPath("erl") && RemoteBench.onPath("erlc"), "Erlang/OTP is not installed");
        Map<String, Double> results = run("ClusterLoad\\.erlang|DistLoad");
        for (String prefix : List.of("erldist_tls", "erldist_plain", "erl_to_java", "erl_to_java_hosted")) {
            assertFigures(results, prefix, ROUND_TRIPS);
            assertFigures(results, prefix, WORKLOADS);
        }
        assertFigures(results, "java_to_erl", WORKLOADS);
        assertFigures(results, "java_to_erl_hosted", List.of("_callers16"));
        assertEquals(24, results.size(), results.toString());
    }
}
