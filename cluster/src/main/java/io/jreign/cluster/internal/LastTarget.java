package io.jreign.cluster.internal;

import io.jreign.mailbox.Address;

/**
 * The local address one connection's last message went to, already bound to its mailbox: a run of
 * messages to the same process (a sink, a server) skips the node's lookup of the address, which
 * was a tenth of the receiving event loop's time. One per connection, used on its event loop only.
 *
 * <p>Reusing the bound address is exact: a mailbox id is never reused within a node's run, and a
 * message to a mailbox closed since is dropped and counted by the mailbox as it would be by the node.
 */
final class LastTarget {
    private final ClusterTransport transport;
    private long incarnation;
    private long id;
    private Address bound;

    LastTarget(ClusterTransport transport) {
        this.transport = transport;
    }

    /** The local address {@code (incarnation, id)}, bound. */
    Address resolve(long incarnation, long id) {
        if (bound == null || id != this.id || incarnation != this.incarnation) {
            bound = transport.localAddress(incarnation, id);
            this.incarnation = incarnation;
            this.id = id;
        }
        return bound;
    }
}
