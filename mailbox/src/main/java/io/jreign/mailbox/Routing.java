package io.jreign.mailbox;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.DeferredWakes;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.NameClaim;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.mailbox.spi.Transport;
import io.jreign.mailbox.spi.TransportContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A node's traffic with other nodes: picks the transport for a remote address, keeps the watches
 * that cross nodes, and is the {@link TransportContext} its transports call back into.
 *
 * <pre>
 *   local watcher --watch--> remote target : {@link #outgoing}, fired by closed() or nodeDown()
 *   remote watcher --watch--> local target : the target mailbox's watcher set + {@link #incoming},
 *                                            dropped on nodeDown()
 * </pre>
 */
final class Routing implements TransportContext {
    private final Node node;
    private final CopyOnWriteArrayList<Transport> transports = new CopyOnWriteArrayList<>();
    /** Local watchers of remote targets, by the target's node. */
    private final WatchIndex outgoing = new WatchIndex(pair -> pair.target().node());
    /** Remote watchers of local targets, by the watcher's node. */
    private final WatchIndex incoming = new WatchIndex(pair -> pair.watcher().node());

    Routing(Node node) {
        this.node = node;
    }

    void add(Transport transport) {
        node.nameTable().addListener(transport);
        transport.attach(this);
        transports.add(transport);
    }

    List<Transport> transports() {
        return List.copyOf(transports);
    }

    void closeAll() {
        for (Transport transport : transports) {
            transport.close();
        }
    }

    private Transport transportFor(NodeId remote) {
        for (Transport transport : transports) {
            if (transport.reaches(remote)) {
                return transport;
            }
        }
        return null;
    }

    private boolean isLocal(Address address) {
        return address.node().equals(node.id());
    }

    // ---- from the node ------------------------------------------------------------------------

    void send(Address to, Object message) {
        Transport transport = transportFor(to.node());
        if (transport == null) {
            node.countDroppedUnroutable();
        } else {
            transport.send(to, message);
        }
    }

    void addWatch(Address target, Address watcher) {
        if (isLocal(target)) {
            Mailbox mailbox = node.localMailbox(target);
            if (mailbox == null) {
                notifyClosed(target, watcher, Reason.NO_PROC);
            } else if (!mailbox.addWatcher(watcher)) {
                notifyClosed(target, watcher, mailbox.closeReasonOrNull());
            }
            return;
        }
        if (target.node().isOtherRunOf(node.id())) {
            notifyClosed(target, watcher, Reason.NO_PROC);
            return;
        }
        Transport transport = transportFor(target.node());
        if (transport == null) {
            notifyClosed(target, watcher, Reason.NO_CONNECTION);
            return;
        }
        WatchPair pair = new WatchPair(target, watcher);
        if (outgoing.add(pair) && !transport.watch(target, watcher) && outgoing.remove(pair)) {
            notifyClosed(target, watcher, Reason.NO_CONNECTION);
        }
    }

    void removeWatch(Address target, Address watcher) {
        if (isLocal(target)) {
            Mailbox mailbox = node.localMailbox(target);
            if (mailbox != null) {
                mailbox.removeWatcher(watcher);
            }
            return;
        }
        if (outgoing.remove(new WatchPair(target, watcher))) {
            Transport transport = transportFor(target.node());
            if (transport != null) {
                transport.unwatch(target, watcher);
            }
        }
    }

    /** A local mailbox closed: its own watches on remote targets go away. */
    void watcherClosed(Address watcher) {
        for (WatchPair pair : outgoing.removeWatcher(watcher)) {
            Transport transport = transportFor(pair.target().node());
            if (transport != null) {
                transport.unwatch(pair.target(), watcher);
            }
        }
    }

    /** Tells {@code watcher}, local or remote, that {@code target} closed. */
    void notifyClosed(Address target, Address watcher, Object reason) {
        if (isLocal(watcher)) {
            node.bind(watcher).send(new CloseNotification(node.bind(target), reason));
            return;
        }
        // A remote watcher of a local target: only if its watch is still on record (node not lost).
        if (isLocal(target) && !incoming.remove(new WatchPair(target, watcher))) {
            return;
        }
        Transport transport = transportFor(watcher.node());
        if (transport != null) {
            transport.notifyClosed(target, watcher, reason);
        }
    }

    // ---- TransportContext: from the transports ------------------------------------------------

    @Override
    public NodeId self() {
        return node.id();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public Clock clock() {
        return node.clock();
    }

    @Override
    public Scheduler scheduler() {
        return node.scheduler();
    }

    @Override
    public Entropy entropy() {
        return node.entropy();
    }

    @Override
    public Address address(NodeId nodeId, long id) {
        return node.bind(Address.of(nodeId, id));
    }

    @Override
    public void deliver(Address to, Object message) {
        node.deliverFromRemote(to, message, null);
    }

    @Override
    public void deliver(Address to, Object message, DeferredWakes wakes) {
        node.deliverFromRemote(to, message, wakes);
    }

    @Override
    public void watch(Address target, Address watcher) {
        Mailbox mailbox = node.localMailbox(target);
        WatchPair pair = new WatchPair(target, watcher);
        if (mailbox == null) {
            incoming.add(pair);
            notifyClosed(target, watcher, Reason.NO_PROC);
            return;
        }
        // On record first: a close racing with this finds it and notifies exactly once.
        if (incoming.add(pair) && !mailbox.addWatcher(watcher)) {
            notifyClosed(target, watcher, mailbox.closeReasonOrNull());
        }
    }

    @Override
    public void unwatch(Address target, Address watcher) {
        if (incoming.remove(new WatchPair(target, watcher))) {
            Mailbox mailbox = node.localMailbox(target);
            if (mailbox != null) {
                mailbox.removeWatcher(watcher);
            }
        }
    }

    @Override
    public void closed(Address target, Address watcher, Object reason) {
        if (outgoing.remove(new WatchPair(target, watcher))) {
            notifyClosed(target, watcher, reason);
        }
    }

    @Override
    public void withLocalClaims(Consumer<List<NameClaim>> action) {
        node.nameTable().withLocalClaims(action);
    }

    @Override
    public void remoteClaims(NodeId remote, List<NameClaim> claims) {
        node.nameTable().remoteClaims(remote, claims);
    }

    @Override
    public void remoteClaimChanged(NodeId remote, NameClaim claim, boolean claimed) {
        node.nameTable().remoteClaimChanged(remote, claim, claimed);
    }

    @Override
    public void nodeUp(NodeId remote) {
        node.publish(new NodeEvent.Up(remote));
    }

    @Override
    public void nodeDown(NodeId remote, Object reason) {
        for (WatchPair pair : outgoing.removeNode(remote)) {
            notifyClosed(pair.target(), pair.watcher(), Reason.NO_CONNECTION);
        }
        for (WatchPair pair : incoming.removeNode(remote)) {
            Mailbox mailbox = node.localMailbox(pair.target());
            if (mailbox != null) {
                mailbox.removeWatcher(pair.watcher());
            }
        }
        node.nameTable().dropNode(remote);
        node.publish(new NodeEvent.Down(remote, reason));
    }

    /** Watches crossing nodes now, both ways; for tests and diagnostics. */
    int crossNodeWatches() {
        return outgoing.size() + incoming.size();
    }
}
