package io.jreign.mailbox.spi;

/**
 * The entropy seam: every random choice jreign makes (node incarnations, jitter, tie-breaks) draws
 * from an {@code Entropy}, so that one seed can replay a whole simulated cluster.
 *
 * <p>Subsystems take their own stream with {@link #split(String)}: a new draw in one subsystem
 * never shifts the numbers another one sees. Implementations are thread-safe.
 */
public interface Entropy {

    /** A uniformly distributed {@code long}. */
    long nextLong();

    /** A uniformly distributed value in {@code [0, bound)}; {@code bound} must be positive. */
    default long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long mask = bound - 1;
        if ((bound & mask) == 0) {
            return nextLong() & mask;
        }
        // Rejection sampling keeps the distribution exactly uniform.
        long bits;
        long value;
        do {
            bits = nextLong() >>> 1;
            value = bits % bound;
        } while (bits - value + mask < 0);
        return value;
    }

    /** An independent stream for the named subsystem, fixed by this stream's seed and the name. */
    Entropy split(String subsystem);

    /** Production entropy: unpredictable, from {@link java.security.SecureRandom}. */
    static Entropy secure() {
        return new SecureEntropy();
    }

    /** Reproducible entropy: the same seed gives the same streams, split by split. */
    static Entropy seeded(long seed) {
        return new SeededEntropy(seed);
    }
}
