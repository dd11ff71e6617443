package io.jreign.mailbox.spi;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeId;

/**
 * What a node offers the {@link Transport}s it adopted: its seams, and entry points for what
 * arrives from other nodes. Thread-safe.
 */
public interface TransportContext {

    /** The node's identity. */
    NodeId self();

    /**
     * The node itself, for what a protocol needs beyond the four kinds of traffic: its names
     * registry (a send to a registered name, Erlang's {@code REG_SEND}), {@link Node#kill} (an exit
     * signal), spawning.
     */
    Node node();

    Clock clock();

    Scheduler scheduler();

    /** The node's entropy; split it for the transport's own use. */
    Entropy entropy();

    /** An address bound to this node, for addresses decoded from the wire. */
    Address address(NodeId node, long id);

    /** A message from another node for the local mailbox {@code to}. Never blocks. */
    void deliver(Address to, Object message);

    /** The remote {@code watcher} watches the local {@code target}; answered through {@link Transport#notifyClosed}. */
    void watch(Address target, Address watcher);

    /** The remote {@code watcher} no longer watches the local {@code target}. */
    void unwatch(Address target, Address watcher);

    /** The remote {@code target} that the local {@code watcher} watched has closed. */
    void closed(Address target, Address watcher, Object reason);

    /** A connection to {@code node} is up. */
    void nodeUp(NodeId node);

    /**
     * {@code node} is lost: every local watch on its addresses fires once with
     * {@link io.jreign.mailbox.Reason#NO_CONNECTION}, and its watches on local mailboxes are dropped.
     */
    void nodeDown(NodeId node, Object reason);
}
