package io.jreign.testkit.property;

/**
 * A property that did not hold: the seed that found it, the value it was found with, and the
 * shrunk value that still fails. Its message is the report to read.
 */
public final class PropertyFailure extends AssertionError {
    private final long seed;
    private final transient Object original;
    private final transient Object shrunk;

    public PropertyFailure(long seed, Object original, Object shrunk, Throwable cause) {
        super("property failed with seed " + seed + "\n"
                + "  replay: add -D" + Property.REPLAY_PROPERTY + "=" + seed + " to the test run\n"
                + "  shrunk: " + describe(shrunk) + "\n"
                + "  found:  " + describe(original) + "\n"
                + "  cause:  " + cause, cause);
        this.seed = seed;
        this.original = original;
        this.shrunk = shrunk;
    }

    public long seed() {
        return seed;
    }

    public Object original() {
        return original;
    }

    public Object shrunk() {
        return shrunk;
    }

    private static String describe(Object value) {
        return value instanceof Script script ? "\n" + script.toScript().indent(4).stripTrailing() : String.valueOf(value);
    }

    /** A value that has a readable multi-line form for reports (a fault schedule, a workload). */
    public interface Script {
        String toScript();
    }
}
