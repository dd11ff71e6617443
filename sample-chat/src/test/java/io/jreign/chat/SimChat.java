package io.jreign.chat;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeId;
import io.jreign.testkit.Probe;
import io.jreign.testkit.Simulation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chat nodes in a {@link Simulation}: each node's chatter prints into a {@link Probe} (one
 * message per line, its {@link Chatter.Left} too), so a test reads the console line by line in
 * virtual time. Chatters find each other through this fixture's directory, as the cluster's
 * shared names registry does in production.
 */
final class SimChat implements AutoCloseable {
    final Simulation sim;
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, Probe> consoles = new ConcurrentHashMap<>();
    private final Map<NodeId, Address> chatters = new ConcurrentHashMap<>();

    SimChat(long seed) {
        sim = Simulation.seeded(seed);
    }

    /** Starts node {@code name} (again, after a crash) with a chatter. */
    Address start(String name) {
        Node node = startWithoutChatter(name);
        return spawnChatter(node);
    }

    /** Starts node {@code name} running no chat. */
    Node startWithoutChatter(String name) {
        Node node = nodes.containsKey(name) ? sim.restart(name) : sim.node(name);
        nodes.put(name, node);
        consoles.put(name, sim.probe(node));
        return node;
    }

    /** Spawns the chatter of a running node. */
    Address spawnChatter(Node node) {
        Probe console = consoles.get(node.id().name());
        Address chatter = Chatter.spawn(node, line -> console.address().send(line), console.address(),
                () -> connectedPeers(node)); // finds the others through the names registry, shared by the simulated network
        chatters.put(node.id(), chatter);
        return chatter;
    }

    /** Crashes node {@code name}: no goodbye, its peers see it go down. */
    void crash(String name) {
        sim.crash(name); // the closed node stays in the map: start(name) restarts it
    }

    /** What node {@code name}'s chatter printed, one message per line. */
    Probe console(String name) {
        return consoles.get(name);
    }

    Node node(String name) {
        return nodes.get(name);
    }

    private List<NodeId> connectedPeers(Node self) {
        return nodes.values().stream()
                .filter(other -> other != self && !other.isClosed()
                        && sim.network().connected(self.id().name(), other.id().name()))
                .map(Node::id)
                .toList();
    }

    @Override
    public void close() {
        sim.close();
    }
}
