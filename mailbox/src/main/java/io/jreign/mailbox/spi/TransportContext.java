package io.jreign.mailbox.spi;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeId;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * {@link #deliver(Address, Object)} from a batch of frames: if the receiver is parked, its
     * wake-up waits in {@code wakes} until the caller's {@link DeferredWakes#flush}. Never blocks.
     */
    void deliver(Address to, Object message, DeferredWakes wakes);

    /** The remote {@code watcher} watches the local {@code target}; answered through {@link Transport#notifyClosed}. */
    void watch(Address target, Address watcher);

    /** The remote {@code watcher} no longer watches the local {@code target}. */
    void unwatch(Address target, Address watcher);

    /** The remote {@code target} that the local {@code watcher} watched has closed. */
    void closed(Address target, Address watcher, Object reason);

    /**
     * Runs {@code action} with every claim held by this node's mailboxes, atomically with respect
     * to {@link Transport#claimChanged}: a transport that sends this snapshot to a peer and then
     * forwards every later change gives the peer an exact copy. {@code action} runs under the
     * registry's lock: it must enqueue and return.
     */
    void withLocalClaims(Consumer<List<NameClaim>> action);

    /**
     * Replaces every claim known from {@code node} (from any of its incarnations) with
     * {@code claims}, as after a (re)connect; claims for mailboxes of other nodes are ignored, and
     * at most {@value io.jreign.mailbox.Names#MAX_CLAIMS_PER_REMOTE_NODE} are kept. Claimants on this node of a name that is now
     * contested receive a {@link io.jreign.mailbox.NameConflict}.
     */
    void remoteClaims(NodeId node, List<NameClaim> claims);

    /**
     * A mailbox of {@code from} claimed ({@code claimed}) or released a name. Claims for mailboxes
     * of other nodes than {@code from} are ignored: a node speaks for its own mailboxes only.
     */
    void remoteClaimChanged(NodeId from, NameClaim claim, boolean claimed);

    /** A connection to {@code node} is up. */
    void nodeUp(NodeId node);

    /**
     * {@code node} is lost: every local watch on its addresses fires once with
     * {@link io.jreign.mailbox.Reason#NO_CONNECTION}, its watches on local mailboxes are dropped,
     * and so are the names its mailboxes claimed.
     */
    void nodeDown(NodeId node, Object reason);
}
