package io.jreign.mailbox.spi;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;

/**
 * The transport seam: one way of reaching other nodes (the TLS cluster, Erlang distribution, the
 * testkit's simulated network). A {@link io.jreign.mailbox.Node} routes every send, watch and close
 * notification for a remote address to the first of its transports that {@link #reaches} that
 * address's node, and learns what happens remotely through the {@link TransportContext} it passes
 * to {@link #attach}.
 *
 * <h2>What a transport promises</h2>
 * <ul>
 *   <li>Messages from one sender to one remote mailbox arrive in the order sent, or the watchers
 *       learn that the connection was lost; never reordered, never duplicated.</li>
 *   <li>For each {@link #watch} it accepted, exactly one of: the remote node reports the target
 *       closed ({@link TransportContext#closed}), the watch is removed with {@link #unwatch}, or the
 *       node is reported down ({@link TransportContext#nodeDown}).</li>
 *   <li>Sends may wait for room in a bounded queue (back-pressure) but never buffer without bound.</li>
 * </ul>
 * Implementations are thread-safe: any thread may call any method.
 */
public interface Transport extends AutoCloseable {

    /** Called once, before any other method, when a node adopts this transport. */
    void attach(TransportContext context);

    /** Whether this transport carries traffic for {@code node} (connected or able to connect). */
    boolean reaches(NodeId node);

    /** Delivers {@code message} to the remote mailbox {@code to}; drops (and counts) what it cannot deliver. */
    void send(Address to, Object message);

    /**
     * Asks the remote node of {@code target} to report {@code target}'s close to {@code watcher}
     * (a local address).
     *
     * @return false if the node cannot be reached now; the caller then notifies the watcher itself
     *         with {@link io.jreign.mailbox.Reason#NO_CONNECTION}
     */
    boolean watch(Address target, Address watcher);

    /** Withdraws a {@link #watch}. */
    void unwatch(Address target, Address watcher);

    /** Tells the remote {@code watcher} that the local {@code target} closed with {@code reason}. */
    void notifyClosed(Address target, Address watcher, Object reason);

    /**
     * A local mailbox claimed ({@code claimed}) or released a name; a transport that shares names
     * forwards it to the nodes it has already {@linkplain TransportContext#withLocalClaims synced}.
     * The node calls this in the order its registry applied the changes, while holding the
     * registry's lock, and may call it before {@link #attach}: enqueue and return, never block and
     * never call back into the node. Transports that do not share names keep the default, which
     * ignores it.
     */
    default void claimChanged(NameClaim claim, boolean claimed) {
    }

    /** Leaves: closes connections; peers see this node go down. */
    @Override
    void close();
}
