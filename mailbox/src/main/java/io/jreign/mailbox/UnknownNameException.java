package io.jreign.mailbox;

/** Thrown when a message is sent to a name that no mailbox holds (Erlang's {@code badarg}). */
public final class UnknownNameException extends IllegalArgumentException {
    private final String name;

    public UnknownNameException(String name) {
        super("no mailbox is registered under the name \"" + name + '"');
        this.name = name;
    }

    /** The name that was not found. */
    public String name() {
        return name;
    }
}
