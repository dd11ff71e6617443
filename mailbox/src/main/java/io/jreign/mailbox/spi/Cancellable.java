package io.jreign.mailbox.spi;

/** A scheduled action that may still be called off. */
@FunctionalInterface
public interface Cancellable {
    /**
     * Calls the action off if it has not run yet. Idempotent.
     *
     * @return {@code true} if this call prevented the action from running
     */
    boolean cancel();
}
