package io.jreign.testkit.property;

import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinking of choice sequences, for the testkit's own extension. Not for users: use
 * {@link Property}.
 */
public final class ShrinkBridge {
    private ShrinkBridge() {}

    /** The smallest sequence reachable from {@code failing} for which {@code stillFails} holds. */
    public static List<Long> shrink(List<Long> failing, Predicate<List<Long>> stillFails, int budget) {
        return new Shrinker(stillFails, budget).shrink(failing);
    }
}
