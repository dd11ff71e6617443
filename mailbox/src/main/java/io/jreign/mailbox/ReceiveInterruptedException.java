package io.jreign.mailbox;

/**
 * Thrown by a blocking receive whose thread was interrupted while the mailbox was still open. As
 * with {@link InterruptedException}, the thread's interrupt status is cleared when this is thrown.
 * (An interrupt that comes with a close, as {@link Node#kill} does, throws
 * {@link MailboxClosedException} instead and leaves the status set so the process unwinds.)
 */
public final class ReceiveInterruptedException extends RuntimeException {
    public ReceiveInterruptedException(Address address) {
        super("receive on " + address + " was interrupted");
    }
}
