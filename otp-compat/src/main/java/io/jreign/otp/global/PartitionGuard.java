package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * global's guard against overlapping partitions (OTP 25's {@code prevent_overlapping_partitions},
 * on by default there): when a node loses a connection, every node it knows learns it and drops
 * the lost node too, so no node keeps a foot in two partitions.
 *
 * <pre>
 *  we lose B:  send {lost_connection, Self, XCreation, OpId, B} to every known node
 *  {lost_connection, A, XCre, OpId, B}:  new (per {A, B}, XCre, OpId)? pass it on to the known nodes;
 *                        then the one of A and B that is not us, if we know it:
 *                        send it {remove_connection, Self} and forget it (it disconnects from us)
 *  {remove_connection, N}: disconnect from N and forget it
 * </pre>
 * Seen {@code {A, B}} pairs are remembered for an hour (as erl's timer), at most
 * {@link #MAX_REMEMBERED} of them.
 */
final class PartitionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionGuard.class);
    static final int MAX_REMEMBERED = 10_000;
    private static final Duration REMEMBER = Duration.ofHours(1);

    /** Forget a remembered pair (erl's {@code {timeout, Tmr, {lost_connection, Key}}}). */
    record Forget(List<String> key, long opId) {}

    private record Seen(Object xCreation, long opId) {}

    private final GlobalState state;
    private final Node node;
    private final DistTransport dist;
    private final Scheduler scheduler;
    private final long xCreation;
    private final Map<List<String>, Seen> seen = new LinkedHashMap<>();
    private long lastOpId;
    private Consumer<String> removeNode = n -> { };

    PartitionGuard(GlobalState state, Node node, DistTransport dist, Entropy entropy) {
        this.state = state;
        this.node = node;
        this.dist = dist;
        this.scheduler = node.scheduler();
        // erl: a random multiple of 2^32 below 2^60, plus the creation, plus 2^59
        long extension = entropy.nextLong(1L << 60) & ~0xFFFF_FFFFL;
        this.xCreation = extension + dist.self().incarnation() + (1L << 59);
    }

    /** How a node is forgotten once removed ({@code handle_nodedown(Node, S, remove_connection)}). */
    void onRemove(Consumer<String> removeNode) {
        this.removeNode = Objects.requireNonNull(removeNode);
    }

    /** {@code inform_connection_loss/2}: we lost {@code lost}; tell every node we know. */
    void informConnectionLoss(String lost) {
        Tuple message = Tuple.of(GlobalTerms.LOST_CONNECTION, Atom.of(state.self), xCreation, ++lastOpId, Atom.of(lost));
        multicast(message, lost);
    }

    /** {@code {lost_connection, NodeA, XCreationA, OpIdA, NodeB}}. */
    void lostConnection(Tuple message) {
        String nodeA = GlobalTerms.node(message.get(1));
        Object xCreationA = message.get(2);
        long opIdA = GlobalTerms.integer(message.get(3));
        String nodeB = GlobalTerms.node(message.get(4));
        List<String> key = List.of(nodeA, nodeB);
        Seen before = seen.get(key);
        if (before != null && before.xCreation().equals(xCreationA) && opIdA <= before.opId()) {
            return;
        }
        multicast(message, nodeA);
        remember(key, new Seen(xCreationA, opIdA));
        String remove = state.self.equals(nodeB) ? nodeA : nodeB;
        if (!state.potentiallyKnown(remove)) {
            return;
        }
        if (state.nodeVersion(remove) < 7) {
            disconnect(remove);
            LOG.warn("'global' at node {} disconnected old node {} in order to prevent overlapping partitions",
                    state.self, remove);
        } else {
            state.wire.send(remove, Tuple.of(GlobalTerms.REMOVE_CONNECTION, Atom.of(state.self)));
            LOG.warn("'global' at node {} requested disconnect from node {} in order to prevent overlapping partitions",
                    state.self, remove);
        }
        removeNode.accept(remove);
    }

    /** {@code {remove_connection, Node}}: a node asks us to drop it. */
    void removeConnection(Tuple message) {
        String other = GlobalTerms.node(message.get(1));
        if (!state.potentiallyKnown(other)) {
            return;
        }
        disconnect(other);
        removeNode.accept(other);
        LOG.warn("'global' at node {} disconnected node {} in order to prevent overlapping partitions", state.self, other);
    }

    /** A remembered pair's hour is over. */
    void forget(Forget forget) {
        Seen current = seen.get(forget.key());
        if (current != null && current.opId() == forget.opId()) {
            seen.remove(forget.key());
        }
    }

    int remembered() {
        return seen.size();
    }

    private void remember(List<String> key, Seen entry) {
        seen.remove(key);
        if (seen.size() >= MAX_REMEMBERED) {
            seen.remove(seen.keySet().iterator().next());
        }
        seen.put(key, entry);
        Address server = state.wire.self().self();
        node.sendAfter(REMEMBER, server, new Forget(key, entry.opId()));
    }

    /** {@code gns_volatile_multicast(Msg, IgnoreNode, 7, true, S)}: known and pending nodes of version 7 and up. */
    private void multicast(Tuple message, String ignore) {
        state.known.forEach((n, vsn) -> {
            if (!n.equals(ignore) && vsn >= 7) {
                state.wire.send(n, message);
            }
        });
        state.pending.forEach((n, vsn) -> {
            if (!n.equals(ignore) && vsn >= 7) {
                state.wire.send(n, message);
            }
        });
    }

    private void disconnect(String other) {
        scheduler.start("global-disconnect " + other, () -> dist.disconnect(other));
    }
}
