package io.jreign.mailbox;

import io.jreign.mailbox.spi.NameClaim;
import io.jreign.mailbox.spi.Transport;
import io.jreign.mailbox.spi.TransportContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins two nodes of one JVM by direct calls: the smallest honest transport, for seam tests. Name
 * claims travel on one ordered queue per direction, as they would on a connection (and because
 * the registry calls {@link #claimChanged} under its lock).
 */
final class LoopbackTransport implements Transport {
    private final ExecutorService claimsToPeer = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private TransportContext context;
    private LoopbackTransport peer;
    private volatile boolean connected = true;
    final AtomicInteger unwatches = new AtomicInteger();
    volatile Thread lastSender;

    static void join(Node a, Node b) {
        LoopbackTransport ab = new LoopbackTransport();
        LoopbackTransport ba = new LoopbackTransport();
        ab.peer = ba;
        ba.peer = ab;
        a.addTransport(ab);
        b.addTransport(ba);
        ab.up();
        ba.up();
    }

    /** The transport {@code node} reaches {@code peer} through, after {@link #join}. */
    static LoopbackTransport between(Node node, Node peer) {
        return node.transports().stream()
                .map(LoopbackTransport.class::cast)
                .filter(t -> t.peer.context.self().equals(peer.id()))
                .findFirst().orElseThrow();
    }

    private void up() {
        context.nodeUp(peer.context.self());
        context.withLocalClaims(claims -> claimsToPeer.execute(() -> peer.context.remoteClaims(context.self(), claims)));
    }

    /** Joins again after {@link #cut}: both sides see the other come up and re-sync names. */
    void reconnect() {
        connected = true;
        peer.connected = true;
        up();
        peer.up();
    }

    TransportContext context() {
        return context;
    }

    /** Cuts the link: both sides see the other go down. */
    void cut() {
        connected = false;
        peer.connected = false;
        context.nodeDown(peer.context.self(), "cut");
        peer.context.nodeDown(context.self(), "cut");
    }

    @Override
    public void attach(TransportContext context) {
        this.context = context;
    }

    @Override
    public boolean reaches(NodeId node) {
        return node.name().equals(peer.context.self().name());
    }

    @Override
    public void send(Address to, Object message) {
        lastSender = Thread.currentThread();
        if (connected) {
            peer.context.deliver(to, message);
        }
    }

    @Override
    public boolean watch(Address target, Address watcher) {
        if (!connected) {
            return false;
        }
        peer.context.watch(target, watcher);
        return true;
    }

    @Override
    public void unwatch(Address target, Address watcher) {
        unwatches.incrementAndGet();
        if (connected) {
            peer.context.unwatch(target, watcher);
        }
    }

    @Override
    public void notifyClosed(Address target, Address watcher, Object reason) {
        if (connected) {
            peer.context.closed(target, watcher, reason);
        }
    }

    @Override
    public void claimChanged(NameClaim claim, boolean claimed) {
        if (connected && context != null) {
            claimsToPeer.execute(() -> peer.context.remoteClaimChanged(context.self(), claim, claimed));
        }
    }

    @Override
    public void close() {
        claimsToPeer.shutdown();
        if (connected) {
            cut();
        }
    }
}
