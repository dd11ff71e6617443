package io.jreign.cluster;

/**
 * Counters of a {@link ClusterNode}'s transport, read at one moment. Every message the transport
 * drops is counted in exactly one {@code dropped} field; messages dropped by the receiving node
 * itself (closed or unknown mailbox) are in that node's {@link io.jreign.mailbox.NodeStats}.
 *
 * @param connectedPeers       peers with an established connection now
 * @param openConnections      TCP connections open now, established or still in the handshake
 * @param queuedBytes          encoded bytes waiting in the peers' outbound queues now
 * @param messagesSent         messages written to a connection
 * @param messagesReceived     messages received and handed to the node
 * @param droppedStale         messages for an address of another run of the peer than the one
 *                             connected (or connected when the message reached the head of the queue)
 * @param droppedUndeliverable messages that waited for a connection longer than
 *                             {@code timeouts.undeliverableWait}, or were queued when this node left
 * @param droppedQueueFull     messages whose sender waited for room longer than {@code timeouts.sendTimeout},
 *                             was interrupted while waiting, or could not wait (sends from network
 *                             threads, timers and node-event callbacks)
 * @param refusedConnections   connections refused during the handshake: TLS failure, certificate
 *                             identity, membership, cluster name, hello mismatch, timeout
 * @param protocolErrors       established connections closed for a malformed frame or payload
 */
public record ClusterStats(
        int connectedPeers,
        int openConnections,
        long queuedBytes,
        long messagesSent,
        long messagesReceived,
        long droppedStale,
        long droppedUndeliverable,
        long droppedQueueFull,
        long refusedConnections,
        long protocolErrors) {}
