package io.jreign.chat;

/** Where a {@link Chatter} prints: the console in {@code bin/chat}, a list in tests. One line per call. */
@FunctionalInterface
public interface ChatOutput {
    /** Shows one line (no line break inside). */
    void show(String line);
}
