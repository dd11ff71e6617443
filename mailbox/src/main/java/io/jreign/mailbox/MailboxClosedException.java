package io.jreign.mailbox;

/**
 * Thrown by a receive on a closed mailbox, including one that was closed while its owner waited.
 * A process that lets it propagate ends, keeping the close reason.
 */
public final class MailboxClosedException extends IllegalStateException {
    private final transient Address address;
    private final transient Object reason;

    public MailboxClosedException(Address address, Object reason) {
        super("mailbox " + address + " is closed (reason: " + reason + ")");
        this.address = address;
        this.reason = reason;
    }

    /** The closed mailbox's address. */
    public Address address() {
        return address;
    }

    /** The reason it was closed with. */
    public Object reason() {
        return reason;
    }
}
