package io.jreign.mailbox;

/**
 * A position in a mailbox's queue, taken by {@link Mailbox#mark()}. A receive given a mark looks
 * only at messages that arrived after it, so waiting for the reply to a request costs the same
 * whether 10 or 10 million older messages are queued: Erlang/OTP's receive-marker optimisation,
 * made explicit.
 *
 * <p>Holding a mark keeps the messages that arrived after it reachable; drop it when the reply is in.
 */
public final class Mark {
    final Mailbox owner;
    final MessageQueue.Cell position;

    Mark(Mailbox owner, MessageQueue.Cell position) {
        this.owner = owner;
        this.position = position;
    }

    @Override
    public String toString() {
        return "Mark[" + owner.address() + " after message #" + position.seq + ']';
    }
}
