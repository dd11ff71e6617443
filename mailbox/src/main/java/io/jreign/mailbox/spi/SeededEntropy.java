package io.jreign.mailbox.spi;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * {@link Entropy#seeded(long)}: a {@link SplittableRandom} per stream. A split's seed mixes this
 * stream's seed with a hash of the subsystem name, not with the parent's draw count, so splitting
 * is independent of how much the parent has been used.
 */
final class SeededEntropy implements Entropy {
    private final long seed;
    private final SplittableRandom random;

    SeededEntropy(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized long nextLong() {
        return random.nextLong();
    }

    @Override
    public Entropy split(String subsystem) {
        long nameHash = 0xcbf29ce484222325L; // FNV-1a, stable across JVMs unlike String.hashCode's spread
        for (byte b : subsystem.getBytes(StandardCharsets.UTF_8)) {
            nameHash = (nameHash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SeededEntropy(new SplittableRandom(seed ^ nameHash).nextLong());
    }

    @Override
    public String toString() {
        return "Entropy.seeded(" + seed + ")";
    }
}
