package io.jreign.otp.etf;

import io.jreign.mailbox.NodeId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link NodeId}s of decoded pids, remembered per node atom and creation: every message over
 * a distribution connection carries one or two pids of the same few nodes, and building a NodeId
 * validates its name each time (profiled as the reader's largest cost). Bounded: past
 * {@link #MAX_ENTRIES} pairs new ones are built without being remembered, so input naming many
 * nodes or creations costs time, never memory. Thread-safe.
 */
final class NodeIds {
    static final int MAX_ENTRIES = 1_024;

    private record Key(Atom node, long creation) {
        // Written out for the same reason as Atom's.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && creation == that.creation && node.equals(that.node);
        }

        @Override
        public int hashCode() {
            return node.hashCode() * 31 + Long.hashCode(creation);
        }
    }

    /** A node that {@code NodeId} does not accept (remembered like any other). */
    private static final NodeId INVALID = new NodeId("invalid", 1);

    private final ConcurrentHashMap<Key, NodeId> known = new ConcurrentHashMap<>();

    /** The NodeId for a node atom and creation, or null if NodeId does not accept them. */
    NodeId of(Atom node, long creation) {
        Key key = new Key(node, creation);
        NodeId id = known.get(key);
        if (id == null) {
            id = Pids.nodeId(node, creation);
            if (id == null) {
                id = INVALID;
            }
            if (known.size() < MAX_ENTRIES) {
                known.putIfAbsent(key, id);
            }
        }
        return id == INVALID ? null : id;
    }

    /** How many pairs are remembered now. */
    int size() {
        return known.size();
    }
}
