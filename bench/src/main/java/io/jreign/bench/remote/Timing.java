package io.jreign.bench.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How long a timed driver measures: warmup repetitions, then measured repetitions of
 * {@code repetition} each; the figure is the median of the measured ones. The same shape as the
 * two-JVM JMH runs ({@code quick}: 1 + 2 of 300 ms; {@code full}: 20 + 5 of 1 s). Erlang's side
 * ({@code bench_util:median_rate/2}) measures the same 5 repetitions after 3 warmups: it has no
 * JIT compiler to warm, while here both JVMs do, and on 2 cores C2 is still compiling the
 * many-caller paths after 10 s (16 callers measured 17 k calls/s after 5 s of warm-up and 35–44 k
 * after 25 s), so every JVM driver (jreign, Pekko, the Java DIST node) gets 20 s.
 *
 * @param warmups    repetitions run and thrown away
 * @param repetitions repetitions measured
 * @param repetition how long each one lasts
 */
public record Timing(int warmups, int repetitions, Duration repetition) {
    public static final Timing QUICK = new Timing(1, 2, Duration.ofMillis(300));
    public static final Timing FULL = new Timing(20, 5, Duration.ofSeconds(1));
    /** For the tests: one short repetition, to prove a driver works, not to measure it. */
    public static final Timing SMOKE = new Timing(0, 1, Duration.ofMillis(50));

    public Timing {
        if (warmups < 0 || repetitions < 1 || repetition.isNegative() || repetition.isZero()) {
            throw new IllegalArgumentException("bad timing: " + warmups + " warmups, " + repetitions
                    + " repetitions of " + repetition);
        }
    }

    /** {@link #QUICK}, {@link #FULL} or {@link #SMOKE}, by name (as {@code bench/compare} passes the first two). */
    public static Timing named(String mode) {
        return switch (mode) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            case "smoke" -> SMOKE;
            default -> throw new IllegalArgumentException("mode must be quick, full or smoke, was " + mode);
        };
    }

    /** Runs {@code rate} (given a repetition's length, it measures and returns a rate) as this timing says; the median. */
    public double medianRate(ToDoubleFunction<Duration> rate) {
        for (int i = 0; i < warmups; i++) {
            rate.applyAsDouble(repetition);
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            rates.add(rate.applyAsDouble(repetition));
        }
        return median(rates);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Override
    public String toString() {
        return warmups + " warmup + " + repetitions + " measured repetitions of " + repetition.toMillis() + " ms";
    }
}
