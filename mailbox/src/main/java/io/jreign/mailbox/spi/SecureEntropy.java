package io.jreign.mailbox.spi;

import java.security.SecureRandom;

/** {@link Entropy#secure()}: every stream draws from its own {@link SecureRandom}. */
final class SecureEntropy implements Entropy {
    private final SecureRandom random = new SecureRandom();

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    @Override
    public Entropy split(String subsystem) {
        return new SecureEntropy();
    }

    @Override
    public String toString() {
        return "Entropy.secure()";
    }
}
