package io.jreign.mailbox;

/**
 * The close reasons jreign itself gives. A mailbox can be closed with any object as reason (an
 * exception, an Erlang term, a record of yours); these are the ones the library produces, and the
 * OTP bridge maps each to the Erlang atom in parentheses.
 */
public enum Reason {
    /** Closed on purpose, nothing went wrong ({@code normal}); the default of {@link Mailbox#close()}. */
    NORMAL,
    /** The mailbox's node could not be reached or was lost ({@code noconnection}). */
    NO_CONNECTION,
    /** There was no such mailbox when the watch was set up, or it belongs to a dead run of its node ({@code noproc}). */
    NO_PROC,
    /** Killed from outside with {@link Node#kill} and no reason of its own ({@code killed}). */
    KILLED,
    /** Its node shut down ({@code shutdown}). */
    SHUTDOWN
}
