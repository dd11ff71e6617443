package io.jreign.bench.remote;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The machine-readable lines {@code bench/compare} collects from the drivers, the same format as
 * the Erlang workloads' ({@code bench_util:result/3}): {@code RESULT name value unit}.
 */
public final class Results {
    private final PrintStream out;

    public Results(PrintStream out) {
        this.out = out;
    }

    /** Prints one result line and flushes, so a run stopped later still leaves it. */
    public void result(String name, double value, String unit) {
        out.println(line(name, value, unit));
        out.flush();
    }

    static String line(String name, double value, String unit) {
        if (name.isBlank() || name.contains(" ") || unit.contains(" ")) {
            throw new IllegalArgumentException("result names and units are single words: " + name + ", " + unit);
        }
        return String.format(Locale.ROOT, "RESULT %s %.3f %s", name, value, unit);
    }
}
