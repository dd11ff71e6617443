package io.jreign.testkit.example;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ported Erlang-style service: a replicated counter (a grow-only CRDT). Each node's counter
 * process counts its own increments and gossips its whole state to its peers every 100 ms; a
 * replica merges what it hears by taking the maximum per node. Lost gossip is harmless, so after
 * any partition heals every replica converges to the true total.
 *
 * <pre>
 *   client --Increment--> counter@a        counter@a --State{a:3,b:1}--> counter@b, counter@c
 *   client --Get(from)--> counter@b --Value(total)--> client
 * </pre>
 */
public final class ReplicatedCounter {
    public record Increment() implements Serializable {}

    public record Get(Address from) implements Serializable {}

    public record Value(long total) implements Serializable {}

    public record Peers(List<Address> peers) implements Serializable {}

    record State(Map<String, Long> counts) implements Serializable {}

    record Gossip() implements Serializable {}

    static final Duration GOSSIP_EVERY = Duration.ofMillis(100);

    private ReplicatedCounter() {}

    /** Starts the counter process on {@code node}, registered as {@code counter}. */
    public static Address start(Node node) {
        String self = node.id().name();
        return node.spawn("counter", mailbox -> {
            Map<String, Long> counts = new TreeMap<>();
            List<Address> peers = List.of();
            node.sendAfter(GOSSIP_EVERY, mailbox.address(), new Gossip());
            while (true) {
                switch (mailbox.receive()) {
                    case Increment increment -> counts.merge(self, 1L, Long::sum);
                    case Get(Address from) -> from.send(new Value(counts.values().stream().mapToLong(Long::longValue).sum()));
                    case Peers(List<Address> known) -> peers = known;
                    case State(Map<String, Long> theirs) -> theirs.forEach((name, count) -> counts.merge(name, count, Math::max));
                    case Gossip gossip -> {
                        State state = new State(new TreeMap<>(counts));
                        peers.forEach(peer -> peer.send(state));
                        node.sendAfter(GOSSIP_EVERY, mailbox.address(), new Gossip());
                    }
                    default -> { } // unknown messages are dropped, as a gen_server's handle_info would log and go on
                }
            }
        });
    }
}
