package io.jreign.testkit.property;

import io.jreign.mailbox.spi.Entropy;
import java.util.ArrayList;
import java.util.List;

/**
 * The source every {@link Gen} draws from: a sequence of choices, each a number below a bound.
 * Fresh choices come from a seeded stream and are recorded; a replay reads a given sequence (and
 * zeros past its end). Shrinking works on this sequence, not on the values: shorter sequences and
 * smaller numbers make simpler values for every generator, with no shrinker to write per type.
 */
public final class Choices {
    private final Entropy fresh;
    private final List<Long> replay;
    private final List<Long> drawn = new ArrayList<>();
    private int position;

    private Choices(Entropy fresh, List<Long> replay) {
        this.fresh = fresh;
        this.replay = replay;
    }

    /** Fresh choices from {@code entropy}. */
    public static Choices from(Entropy entropy) {
        return new Choices(entropy, null);
    }

    /** Replays {@code choices}; past their end every draw is 0, the simplest. */
    public static Choices replaying(List<Long> choices) {
        return new Choices(null, List.copyOf(choices));
    }

    /** A choice in {@code [0, bound)}. */
    public long draw(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long raw;
        if (replay == null) {
            raw = fresh.nextLong(bound);
        } else {
            raw = position < replay.size() ? Math.floorMod(replay.get(position), bound) : 0;
            position++;
        }
        drawn.add(raw);
        return raw;
    }

    /** What was drawn so far, in order. */
    public List<Long> drawn() {
        return List.copyOf(drawn);
    }
}
