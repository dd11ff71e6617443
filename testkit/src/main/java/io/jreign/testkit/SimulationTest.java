package io.jreign.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per seed, each time with a fresh {@link Simulation} of that seed and,
 * if the method asks for one, a {@link FaultSchedule} drawn from it.
 *
 * <pre>{@code
 * @SimulationTest(seeds = 200, nodes = {"a", "b", "c"})
 * void counterConverges(Simulation sim, FaultSchedule faults) {
 *     ... start nodes a, b, c; faults.applyTo(sim); sim.run(...); assert ...
 * }
 * }</pre>
 *
 * On failure the report gives the seed, a one-line replay instruction ({@code -Djreign.seed=N}
 * runs only that seed), the schedule shrunk to the fewest faults that still fail, as a script,
 * and the last events of the failing run.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(SimulationExtension.class)
public @interface SimulationTest {
    /** How many seeds to run. */
    int seeds() default 100;

    /** The first seed; seed {@code i} is {@code firstSeed + i}. Fixed, so CI runs are repeatable. */
    long firstSeed() default 1;

    /** The node names a generated {@link FaultSchedule} uses. */
    String[] nodes() default {"a", "b", "c"};

    /** At most this many faults per schedule (plus the final heal). */
    int maxFaults() default 6;

    /** Faults fall within this many milliseconds of virtual time; everything heals at the end. */
    long horizonMillis() default 30_000;

    /** How many re-runs shrinking a failing schedule may spend. */
    int shrinkBudget() default 300;
}
