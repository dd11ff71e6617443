package io.jreign.testkit;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.NameClaim;
import io.jreign.mailbox.spi.Transport;
import io.jreign.mailbox.spi.TransportContext;
import java.util.HashMap;
import java.util.Map;

/** One node's attachment to the {@link SimNetwork}: the mailbox transport seam, simulated. */
final class SimTransport implements Transport {
    private final SimNetwork network;
    private final Map<String, NodeId> peers = new HashMap<>();
    private volatile TransportContext context;

    SimTransport(SimNetwork network) {
        this.network = network;
    }

    @Override
    public void attach(TransportContext context) {
        this.context = context;
        network.join(this);
    }

    String name() {
        return context.self().name();
    }

    NodeId id() {
        return context.self();
    }

    TransportContext context() {
        return context;
    }

    synchronized void remember(NodeId peer) {
        peers.put(peer.name(), peer);
    }

    synchronized NodeId lastKnown(String name) {
        return peers.get(name);
    }

    @Override
    public boolean reaches(NodeId node) {
        return !node.name().equals(name()) && (network.isMember(node.name()) || lastKnown(node.name()) != null);
    }

    @Override
    public void send(Address to, Object message) {
        network.send(this, to, message);
    }

    @Override
    public boolean watch(Address target, Address watcher) {
        return network.control(this, target.node(), peer ->
                peer.watch(peer.address(target.node(), target.id()), peer.address(watcher.node(), watcher.id())));
    }

    @Override
    public void unwatch(Address target, Address watcher) {
        network.control(this, target.node(), peer ->
                peer.unwatch(peer.address(target.node(), target.id()), peer.address(watcher.node(), watcher.id())));
    }

    @Override
    public void notifyClosed(Address target, Address watcher, Object reason) {
        byte[] reasonBytes = Wire.encode(reason);
        network.control(this, watcher.node(), peer -> peer.closed(peer.address(target.node(), target.id()),
                peer.address(watcher.node(), watcher.id()), Wire.decode(reasonBytes, peer)));
    }

    /** Forwards a local claim change to every connected peer, behind what this node sent them before. */
    @Override
    public void claimChanged(NameClaim claim, boolean claimed) {
        TransportContext self = context;
        if (self != null) {
            NodeId from = self.self();
            network.broadcastControl(this, peer -> peer.remoteClaimChanged(from, claim, claimed));
        }
    }

    /** A connection to {@code peer} came up: it gets this node's claims, ahead of every later change. */
    void syncNamesTo(NodeId peer) {
        NodeId from = context.self();
        context.withLocalClaims(claims -> network.control(this, peer, other -> other.remoteClaims(from, claims)));
    }

    @Override
    public void close() {
        network.leave(this);
    }
}
