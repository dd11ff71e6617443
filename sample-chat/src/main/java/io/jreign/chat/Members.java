package io.jreign.chat;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who a {@link Chatter} talks to: per other node (by name), the run that is up and whether its
 * chatter has been found yet.
 *
 * <pre>
 *   NodeEvent.Up(n) --&gt; Awaited(n) --chatter found under the name--&gt; Online(n, chatter)
 *                          |                                            |
 *                          +-- Down(n), or given up --&gt; gone           +-- Down(n) or its chatter closed --&gt; gone ("left")
 * </pre>
 *
 * Only {@link Online} members are announced (joined, left) and sent to, so a "joined" line means
 * lines typed from then on reach that node. Holds at most one entry per node name of the cluster.
 * Not thread-safe: owned by the chatter's process.
 */
final class Members {
    /** One other node. */
    sealed interface Member {
        NodeId node();
    }

    /** {@code node} is up; its chatter is not found yet ({@code attempts} lookups so far). */
    record Awaited(NodeId node, int attempts) implements Member {}

    /** {@code node} is up and its chatter is {@code chatter}. */
    record Online(NodeId node, Address chatter) implements Member {}

    private final Map<String, Member> byName = new TreeMap<>();

    /**
     * {@code node} is up: await its chatter, unless this run is known already.
     *
     * @return whether it is newly awaited (so the caller starts looking for its chatter)
     */
    boolean up(NodeId node) {
        Member known = byName.get(node.name());
        if (known != null && known.node().equals(node)) {
            return false;
        }
        byName.put(node.name(), new Awaited(node, 0));
        return true;
    }

    /**
     * The member another run of {@code node} replaces, if it was online: a restart whose Down was
     * not seen. Call before {@link #up}.
     */
    Optional<Online> otherRunOnline(NodeId node) {
        return byName.get(node.name()) instanceof Online online && !online.node().equals(node)
                ? Optional.of(online) : Optional.empty();
    }

    /**
     * Counts one more lookup for an awaited node.
     *
     * @return the lookups made so far including this one, or 0 if {@code node} is not awaited (it
     *     went down, was found, or another run replaced it)
     */
    int attempt(NodeId node) {
        if (byName.get(node.name()) instanceof Awaited(NodeId awaited, int attempts) && awaited.equals(node)) {
            byName.put(node.name(), new Awaited(node, attempts + 1));
            return attempts + 1;
        }
        return 0;
    }

    /**
     * The chatter of awaited {@code node} was found.
     *
     * @return whether it was awaited and is online now
     */
    boolean found(NodeId node, Address chatter) {
        if (byName.get(node.name()) instanceof Awaited(NodeId awaited, int attempts) && awaited.equals(node)
                && chatter.node().equals(node)) {
            byName.put(node.name(), new Online(node, chatter));
            return true;
        }
        return false;
    }

    /** Stops awaiting {@code node}. */
    void giveUp(NodeId node) {
        if (byName.get(node.name()) instanceof Awaited awaited && awaited.node().equals(node)) {
            byName.remove(node.name());
        }
    }

    /** {@code node} went down; returns it if it was online. */
    Optional<Online> down(NodeId node) {
        Member known = byName.get(node.name());
        if (known == null || !known.node().equals(node)) {
            return Optional.empty();
        }
        byName.remove(node.name());
        return known instanceof Online online ? Optional.of(online) : Optional.empty();
    }

    /** The mailbox {@code chatter} closed; returns its member if it was online. */
    Optional<Online> closed(Address chatter) {
        if (byName.get(chatter.node().name()) instanceof Online online && online.chatter().equals(chatter)) {
            byName.remove(chatter.node().name());
            return Optional.of(online);
        }
        return Optional.empty();
    }

    /** The online members' chatters, by node name. */
    List<Address> chatters() {
        List<Address> chatters = new ArrayList<>();
        for (Member member : byName.values()) {
            if (member instanceof Online online) {
                chatters.add(online.chatter());
            }
        }
        return chatters;
    }

    /** The online members' node names, sorted. */
    List<String> online() {
        return chatters().stream().map(chatter -> chatter.node().name()).toList();
    }
}
