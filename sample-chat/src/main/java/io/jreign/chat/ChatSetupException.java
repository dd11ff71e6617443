package io.jreign.chat;

/** The chat cannot start because of its input or its files; the message says what to do. */
public final class ChatSetupException extends RuntimeException {
    /** With the message shown to the user after {@code chat: }. */
    public ChatSetupException(String message) {
        super(message);
    }

    /** With the message shown to the user and the failure behind it. */
    public ChatSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
