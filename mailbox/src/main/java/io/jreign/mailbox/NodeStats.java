package io.jreign.mailbox;

/**
 * Counters of a node, read at one moment. Every message jreign drops is counted in exactly one of
 * the {@code dropped} fields.
 *
 * @param openMailboxes      mailboxes open now
 * @param droppedToClosed    messages sent to a closed or unknown mailbox of this node
 * @param droppedStale       messages sent to an address of an earlier run of this node
 * @param droppedUnroutable  messages to another node that no transport reaches
 * @param droppedAtClose     messages still queued when their mailbox closed
 * @param crossNodeWatches   close watches between this node and others now, both directions
 */
public record NodeStats(
        long openMailboxes,
        long droppedToClosed,
        long droppedStale,
        long droppedUnroutable,
        long droppedAtClose,
        long crossNodeWatches) {}
