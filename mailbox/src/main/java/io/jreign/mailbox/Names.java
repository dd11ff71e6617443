package io.jreign.mailbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node's names registry. As in reign, several mailboxes may claim one name: {@link #lookup}
 * answers one claim, {@link #lookupAll} all of them, and every claimant receives a
 * {@link NameConflict} whenever a name gains a second or further claimant. A name is released when
 * its mailbox unregisters it or closes.
 *
 * <h2>Across a cluster</h2>
 * A transport that shares names (the TLS cluster, the testkit's simulated network) makes the
 * registry cluster-wide: each node registers only its own mailboxes, the claims reach every
 * connected node, and {@link #lookup} and {@link #lookupAll} see them. A node that is lost takes
 * its claims with it; a reconnect brings them back. Claims on this node come first, oldest first;
 * claims of other nodes follow in address order (node name, incarnation, id), the same order on
 * every node. Each node sends the {@link NameConflict} to its own claimants, so every claimant
 * hears of a conflict once, from its own node. Remote claims arrive asynchronously: a name claimed
 * on another node is seen here once the claim has travelled.
 *
 * <p>Thread-safe.
 */
public interface Names {

    /** How many claims this node keeps from any one other node; more are ignored. */
    int MAX_CLAIMS_PER_REMOTE_NODE = 1 << 20;

    /**
     * Claims {@code name} for the mailbox at {@code address}, which must be an open mailbox of this
     * node.
     *
     * @return false if that mailbox held the name already
     * @throws IllegalArgumentException if the name is empty, or the mailbox is closed, unknown or
     *                                  not on this node
     */
    boolean register(String name, Address address);

    /** Releases {@code address}'s claim on {@code name}; false if it had none. */
    boolean unregister(String name, Address address);

    /**
     * A claimant of {@code name}, or empty: the oldest claim on this node if there is one, else
     * the first remote claim in address order.
     */
    Optional<Address> lookup(String name);

    /** Every claimant of {@code name}: this node's oldest first, then other nodes' in address order. */
    List<Address> lookupAll(String name);

    /**
     * Every name with at least one claimant known here, on this node or another, as Erlang's
     * {@code registered()} (and {@code global:registered_names()} across a cluster).
     */
    Set<String> registered();

    /** The names {@code address}, a mailbox of this node, holds. */
    Set<String> namesOf(Address address);
}
