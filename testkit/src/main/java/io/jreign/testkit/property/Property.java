package io.jreign.testkit.property;

import io.jreign.mailbox.spi.Entropy;
import java.util.List;

/**
 * Checks a property over generated values: seeded tries, and on failure a shrunk counterexample
 * with the seed that replays it.
 *
 * <pre>{@code
 * Property.forAll(Gen.listOf(Gen.ints(0, 100), 0, 50))
 *         .seed(42).tries(500)
 *         .check(list -> assertEquals(list, reverse(reverse(list))));
 * }</pre>
 * A failure throws {@link PropertyFailure} whose message gives the seed, the try, a one-line
 * replay instruction ({@code -Djreign.seed=...}) and the shrunk value.
 */
public final class Property<T> {
    /** System property that replays one seed instead of drawing new ones. */
    public static final String REPLAY_PROPERTY = "jreign.seed";

    /** A property body: throws (an assertion) when the property does not hold. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T value) throws Throwable;
    }

    private final Gen<T> gen;
    private long seed = Long.getLong(REPLAY_PROPERTY, Entropy.secure().nextLong()); // a fresh seed unless replaying
    private int tries = 100;
    private int shrinkBudget = 2_000;

    private Property(Gen<T> gen) {
        this.gen = gen;
    }

    public static <T> Property<T> forAll(Gen<T> gen) {
        return new Property<>(gen);
    }

    /** The first seed; try {@code i} uses {@code seed + i}. A {@code -Djreign.seed} replays just that seed. */
    public Property<T> seed(long seed) {
        this.seed = Long.getLong(REPLAY_PROPERTY, seed);
        return this;
    }

    public Property<T> tries(int tries) {
        this.tries = Long.getLong(REPLAY_PROPERTY) != null ? 1 : tries;
        return this;
    }

    /** How many re-runs shrinking may spend. */
    public Property<T> shrinkBudget(int budget) {
        this.shrinkBudget = budget;
        return this;
    }

    /** Runs the tries; throws {@link PropertyFailure} for the first failing seed, shrunk. */
    public void check(Check<T> property) {
        for (int i = 0; i < tries; i++) {
            long trySeed = seed + i;
            Choices choices = Choices.from(Entropy.seeded(trySeed));
            T value = gen.generate(choices);
            Throwable failure = failureOf(property, value);
            if (failure != null) {
                throw shrunkFailure(property, trySeed, value, choices.drawn(), failure);
            }
        }
    }

    /** Generates the value a seed gives, as a failing try saw it. */
    public T valueFor(long trySeed) {
        return gen.generate(Choices.from(Entropy.seeded(trySeed)));
    }

    private PropertyFailure shrunkFailure(Check<T> property, long trySeed, T original, List<Long> drawn, Throwable failure) {
        Throwable[] last = {failure};
        List<Long> shrunk = new Shrinker(candidate -> {
            Throwable t = failureOf(property, gen.generate(Choices.replaying(candidate)));
            if (t != null) {
                last[0] = t;
            }
            return t != null;
        }, shrinkBudget).shrink(drawn);
        T minimal = gen.generate(Choices.replaying(shrunk));
        Throwable minimalFailure = failureOf(property, minimal);
        return new PropertyFailure(trySeed, original, minimal, minimalFailure != null ? minimalFailure : last[0]);
    }

    private static <T> Throwable failureOf(Check<T> property, T value) {
        try {
            property.accept(value);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
