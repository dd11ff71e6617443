package io.jreign.mailbox;

/**
 * What subscribers of {@link Node#monitorNodes(Address)} receive when a transport connects to or
 * loses another node.
 */
public sealed interface NodeEvent {
    /** The other node. */
    NodeId node();

    /** {@code node} is reachable. */
    record Up(NodeId node) implements NodeEvent {}

    /** {@code node} was lost; every watch on its addresses has fired with {@link Reason#NO_CONNECTION}. */
    record Down(NodeId node, Object reason) implements NodeEvent {}
}
