package io.jreign.otp.process;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.MailboxClosedException;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.Reason;
import io.jreign.mailbox.ReceiveInterruptedException;
import io.jreign.otp.dist.ControlMessage;
import io.jreign.otp.dist.DistConnection;
import io.jreign.otp.dist.DistFlags;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.dist.ExitReasons;
import io.jreign.otp.dist.SignalHandler;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Erlang process semantics — links, monitors with refs, exit signals, {@code trap_exit}, aliases
 * — for the mailboxes of one node, built from jreign's primitives: a close notification tells the
 * table that a process ended ({@code onCloseNotify} to one internal mailbox, the <em>hub</em>),
 * and {@link Node#kill} ends a process that an exit signal kills.
 *
 * <pre>
 *   process P ends (its mailbox closes with Reason)
 *     --CloseNotification--> hub --> for each link L of P:    exit signal (P, Reason) to L
 *                                    for each monitor M on P: {'DOWN', Ref, process, P, Reason} to M's owner
 *   exit signal (From, Reason) to local P, by kind:
 *     exit/2 with kill                  -> P killed with reason killed (untrappable)
 *     P traps exits                     -> message {'EXIT', From, Reason} ({@link Exit})
 *     normal                            -> ignored (exit/2 of normal to oneself kills)
 *     anything else                     -> P killed with Reason
 * </pre>
 * Remote halves travel as DIST control messages through the {@link DistTransport}; this table is
 * {@link SignalHandler} ({@link #signals()}). When a node is lost every link and monitor across it fires with
 * {@code noconnection}. Any mailbox of the node can take part (a plain mailbox never traps exits);
 * {@link Proc} is the API. Bookkeeping is guarded by this table's lock, held briefly: the only
 * sends under it are the link protocol's LINK, UNLINK_ID and UNLINK_ID_ACK, queued with
 * {@link DistTransport#signal} (never waiting) so they leave in the order the states changed.
 */
public final class ProcessTable {
    private final Node node;
    private final DistTransport dist;
    private final Mailbox hub;
    private final Map<Address, Entry> entries = new HashMap<>();
    private final Map<Ref, Address> monitorTargets = new HashMap<>();
    private final ConcurrentHashMap<Ref, OutMonitor> outMonitors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Ref, Address> aliases = new ConcurrentHashMap<>();
    private final AtomicLong unlinkIds = new AtomicLong();

    /** What the table knows of one local process. */
    private static final class Entry {
        boolean trapExit;
        final Links links = new Links();
        final Map<Ref, Monitor> monitors = new LinkedHashMap<>();
    }

    /** A monitor on a local process; {@code downObject} for a local watcher, {@code wireTarget} for a remote one. */
    private record Monitor(Ref ref, Address watcher, Object downObject, Object wireTarget) {}

    /** A monitor held by a local watcher on a remote process. */
    private record OutMonitor(Ref ref, Address watcher, Object downObject, Object wireTarget, String node) {}

    /** A table for {@code node}'s processes, signalling remote ones through {@code dist}. */
    public ProcessTable(Node node, DistTransport dist) {
        this.node = node;
        this.dist = dist;
        this.hub = node.newMailbox();
        node.scheduler().start("otp-process-hub", this::hubLoop);
    }

    /** The hub's address: used as the sender of signals the node itself sends. */
    public Address hubAddress() {
        return hub.address();
    }

    /** The node whose processes this table serves. */
    public Node node() {
        return node;
    }

    /** The distribution transport signals to remote processes go through. */
    public DistTransport dist() {
        return dist;
    }

    /**
     * Spawns a process running {@code body}, registered under {@code name} if not null. It ends
     * with {@code normal} when {@code body} returns, with the exception when it throws.
     *
     * @return its pid
     */
    public Address spawn(String name, ProcBody body) {
        return node.spawn(name, mailbox -> body.run(new Proc(this, mailbox)));
    }

    /**
     * {@code spawn_link}: spawns a process (registered under {@code name} if not null) already
     * linked to {@code parent}, a local or remote pid. The link is in place before {@code body}
     * runs, so there is no moment when the new process runs unlinked: if it fails at once,
     * {@code parent} gets its exit signal, never {@code noproc}; if the link cannot be set up
     * (the parent's node cannot be reached), the new process dies with {@code noconnection}
     * before running (it cannot trap exits yet).
     *
     * @return the new process's pid
     */
    public Address spawnLink(Address parent, String name, ProcBody body) {
        Object go = new Object();
        // The process waits for the go on its own mailbox (selective receive keeps earlier
        // messages in place), so the wait is one of jreign's blocking points, not a JDK latch.
        Address child = node.spawn(name, mailbox -> {
            mailbox.receive(m -> m == go);
            body.run(new Proc(this, mailbox));
        });
        link(child, node.bind(parent));
        child.send(go);
        return child;
    }

    /** A process over a new mailbox, for code that is not a spawned process; close it when done. */
    public Proc newProc() {
        return new Proc(this, node.newMailbox());
    }

    private boolean isLocal(Address address) {
        return address.node().equals(node.id());
    }

    // ---- the hub ------------------------------------------------------------------------------

    private void hubLoop() {
        try {
            while (true) {
                if (hub.receive() instanceof CloseNotification closed) {
                    ended(node.bind(closed.closed()), closed.reason());
                }
            }
        } catch (MailboxClosedException | ReceiveInterruptedException stopped) {
            // the node is shutting down
        }
    }

    /** Must hold the lock. The entry for {@code address}, created (and watched) if new. */
    private Entry entry(Address address) {
        Entry entry = entries.get(address);
        if (entry == null) {
            entry = new Entry();
            entries.put(address, entry);
            address.onCloseNotify(hub.address());
        }
        return entry;
    }

    /** Local process {@code address} ended with {@code reason}: fire its links and monitors. */
    private void ended(Address address, Object reason) {
        Entry entry;
        synchronized (ProcessTable.this) {
            entry = entries.remove(address);
            if (entry == null) {
                return;
            }
            for (Ref ref : entry.monitors.keySet()) {
                monitorTargets.remove(ref);
            }
            for (Address linked : entry.links.all()) {
                Entry other = entries.get(linked);
                if (other != null) {
                    other.links.remove(address);
                }
            }
        }
        aliases.values().removeIf(address::equals);
        for (Address linked : entry.links.active()) { // a link being unlinked sends nothing (OTP-18177)
            if (isLocal(linked)) {
                deliverExit(linked, address, reason, true);
            } else {
                dist.control(linked.node().name(),
                        new ControlMessage.Exit(address, linked, ExitReasons.toTerm(reason), true, false), null, false);
            }
        }
        for (Monitor monitor : entry.monitors.values()) {
            if (isLocal(monitor.watcher())) {
                monitor.watcher().send(new Down(monitor.ref(), monitor.downObject(), reason));
            } else {
                dist.control(monitor.watcher().node().name(), new ControlMessage.MonitorExit(monitor.wireTarget(),
                        monitor.watcher(), monitor.ref(), ExitReasons.toTerm(reason), false), null, false);
            }
        }
    }

    /** An exit signal reaches local {@code to}; link bookkeeping is done. */
    private void deliverExit(Address to, Object from, Object reason, boolean link) {
        boolean trap;
        synchronized (ProcessTable.this) {
            Entry entry = entries.get(to);
            trap = entry != null && entry.trapExit;
        }
        if (!link && ExitReasons.isKill(reason)) {
            node.kill(to, Reason.KILLED);
        } else if (trap) {
            to.send(new Exit(from, reason));
        } else if (ExitReasons.isNormal(reason)) {
            if (!link && to.equals(from)) {
                node.kill(to, Reason.NORMAL);
            }
        } else {
            node.kill(to, reason);
        }
    }

    // ---- from local processes (Proc) ----------------------------------------------------------

    void trapExit(Address self, boolean trap) {
        synchronized (ProcessTable.this) {
            entry(self).trapExit = trap;
        }
    }

    boolean trapsExit(Address self) {
        synchronized (ProcessTable.this) {
            Entry entry = entries.get(self);
            return entry != null && entry.trapExit;
        }
    }

    void link(Address self, Address other) {
        if (self.equals(other)) {
            return;
        }
        boolean remote = !isLocal(other);
        boolean connected = remote && dist.connect(other.node().name()); // may dial: not under the lock
        boolean sent = true;
        synchronized (ProcessTable.this) {
            boolean send = entry(self).links.linkSent(other);
            if (!remote) {
                entry(other).links.linkSent(self); // both ends change together: no signal in between
                return;
            }
            if (send) {
                // Queued with the state change, under the lock, so no UNLINK_ID_ACK the reader
                // sends for this link can overtake it (the link protocol relies on that order).
                sent = connected && dist.signal(other.node().name(), new ControlMessage.Link(self, other), null);
            }
        }
        if (!sent) {
            boolean wasLinked;
            synchronized (ProcessTable.this) {
                Entry entry = entries.get(self);
                wasLinked = entry != null && entry.links.exitReceived(other);
            }
            if (wasLinked) {
                deliverExit(self, other, Reason.NO_CONNECTION, true);
            }
        }
    }

    void unlink(Address self, Address other) {
        synchronized (ProcessTable.this) {
            long id;
            Entry entry = entries.get(self);
            if (entry == null) {
                return;
            }
            if (isLocal(other)) {
                entry.links.remove(other);
                Entry peer = entries.get(other);
                if (peer != null) {
                    peer.links.remove(self);
                }
                return;
            }
            if (!speaksUnlinkId(other)) {
                // an OTP 23.0-23.2 peer (or none): the old UNLINK, which nobody acknowledges
                entry.links.remove(other);
                id = ControlMessage.Unlink.NO_ID;
            } else {
                id = unlinkIds.incrementAndGet();
                if (!entry.links.unlinkSent(other, id)) {
                    return;
                }
            }
            dist.signal(other.node().name(), new ControlMessage.Unlink(id, self, other), null); // in order, as LINK
        }
    }

    private boolean speaksUnlinkId(Address other) {
        OptionalLong flags = dist.peerFlags(other.node().name());
        return flags.isPresent() && DistFlags.has(flags.getAsLong(), DistFlags.UNLINK_ID);
    }

    /** Whether {@code self} is linked to {@code other} now (an active link). */
    boolean isLinked(Address self, Address other) {
        synchronized (ProcessTable.this) {
            Entry entry = entries.get(self);
            return entry != null && entry.links.isLinked(other);
        }
    }

    Ref monitor(Address self, Address target) {
        Ref ref = dist.refs().next();
        if (isLocal(target)) {
            synchronized (ProcessTable.this) {
                entry(target).monitors.put(ref, new Monitor(ref, self, target, target));
                monitorTargets.put(ref, target);
            }
            return ref;
        }
        return monitorRemote(self, ref, target, target, target.node().name());
    }

    Ref monitor(Address self, String name, String nodeName) {
        Ref ref = dist.refs().next();
        Atom nameAtom = Atom.of(name);
        Tuple object = Tuple.of(nameAtom, Atom.of(nodeName));
        if (nodeName.equals(node.id().name())) {
            Address target = node.names().lookup(name).orElse(null);
            if (target == null) {
                self.send(new Down(ref, object, Reason.NO_PROC));
                return ref;
            }
            synchronized (ProcessTable.this) {
                entry(target).monitors.put(ref, new Monitor(ref, self, object, nameAtom));
                monitorTargets.put(ref, target);
            }
            return ref;
        }
        return monitorRemote(self, ref, object, nameAtom, nodeName);
    }

    /**
     * Remote {@code target} (a pid on another node): monitors it and sends it {@code message}
     * made with the monitor's ref, both in one socket write.
     */
    Ref monitorAndSend(Address self, Address target, Function<Ref, Object> message) {
        Ref ref = dist.refs().next();
        return monitorRemote(self, ref, target, target, target.node().name(),
                new DistConnection.Outgoing(new ControlMessage.Send(self, target), message.apply(ref)));
    }

    /** As {@link #monitorAndSend(Address, Address, Function)} for {@code {name, nodeName}} on another node. */
    Ref monitorAndSend(Address self, String name, String nodeName, Function<Ref, Object> message) {
        Ref ref = dist.refs().next();
        Atom nameAtom = Atom.of(name);
        return monitorRemote(self, ref, Tuple.of(nameAtom, Atom.of(nodeName)), nameAtom, nodeName,
                new DistConnection.Outgoing(new ControlMessage.RegSend(self, nameAtom), message.apply(ref)));
    }

    private Ref monitorRemote(Address self, Ref ref, Object downObject, Object wireTarget, String nodeName) {
        return monitorRemote(self, ref, downObject, wireTarget, nodeName, null);
    }

    /** Monitors remote {@code wireTarget}, then sends {@code then} (if not null) in the same write. */
    private Ref monitorRemote(Address self, Ref ref, Object downObject, Object wireTarget, String nodeName,
                              DistConnection.Outgoing then) {
        outMonitors.put(ref, new OutMonitor(ref, self, downObject, wireTarget, nodeName));
        DistConnection.Outgoing monitor = new DistConnection.Outgoing(new ControlMessage.Monitor(self, wireTarget, ref), null);
        if (!dist.controlAll(nodeName, then == null ? List.of(monitor) : List.of(monitor, then), true)
                && outMonitors.remove(ref) != null) {
            self.send(new Down(ref, downObject, Reason.NO_CONNECTION));
        }
        return ref;
    }

    /** @return whether the monitor was active */
    boolean demonitor(Address self, Ref ref) {
        OutMonitor out = outMonitors.remove(ref);
        if (out != null) {
            dist.control(out.node(), new ControlMessage.Demonitor(self, out.wireTarget(), ref), null, false);
            return true;
        }
        synchronized (ProcessTable.this) {
            Address target = monitorTargets.remove(ref);
            Entry entry = target == null ? null : entries.get(target);
            return entry != null && entry.monitors.remove(ref) != null;
        }
    }

    void exit(Address self, Address target, Object reason) {
        if (isLocal(target)) {
            deliverExit(target, self, ExitReasons.fromTerm(reason), false); // the same Java form as from a peer
        } else {
            dist.control(target.node().name(),
                    new ControlMessage.Exit(self, target, ExitReasons.toTerm(reason), false, false), null, true);
        }
    }

    Ref alias(Address self) {
        Ref ref = dist.refs().next();
        aliases.put(ref, self);
        return ref;
    }

    boolean unalias(Ref alias) {
        return aliases.remove(alias) != null;
    }

    // ---- SignalHandler: from remote nodes -----------------------------------------------------

    /** What the {@link DistTransport} calls with signals from remote processes. */
    public SignalHandler signals() {
        return incoming;
    }

    private final SignalHandler incoming = new Incoming();

    private final class Incoming implements SignalHandler {

        @Override
        public void link(Address from, Address to) {
            synchronized (ProcessTable.this) {
                entry(to).links.linkReceived(from); // if 'to' is gone, the hub hears noproc and answers EXIT
            }
        }

        @Override
        public void unlink(long id, Address from, Address to) {
            synchronized (ProcessTable.this) {
                Entry entry = entries.get(to);
                if (entry != null) {
                    entry.links.unlinkReceived(from);
                }
                if (id != ControlMessage.Unlink.NO_ID) {
                    // The ack goes out before any other signal from 'to' to 'from' (a later
                    // link/1 queues its LINK under this lock too): the protocol relies on that
                    // order. Signals never wait for room, so holding the lock here is brief.
                    dist.signal(from.node().name(), new ControlMessage.UnlinkAck(id, to, from), null);
                }
            }
        }

        @Override
        public void unlinkAck(long id, Address from, Address to) {
            synchronized (ProcessTable.this) {
                Entry entry = entries.get(to);
                if (entry != null) {
                    entry.links.unlinkAckReceived(from, id);
                }
            }
        }

        @Override
        public void exit(Address from, Address to, Object reason, boolean link) {
            if (link) {
                synchronized (ProcessTable.this) {
                    Entry entry = entries.get(to);
                    if (entry == null || !entry.links.exitReceived(from)) {
                        return; // no link, or one being unlinked: the signal is dropped
                    }
                }
            }
            deliverExit(to, from, ExitReasons.fromTerm(reason), link);
        }

        @Override
        public void monitor(Address from, Object target, Ref ref) {
            Address local = switch (target) {
                case Address a -> isLocal(a) ? a : null;
                case Atom name -> node.names().lookup(name.name()).orElse(null);
                default -> null;
            };
            if (local == null) {
                dist.control(from.node().name(), new ControlMessage.MonitorExit(target, from, ref, Reason.NO_PROC, false),
                        null, false);
                return;
            }
            synchronized (ProcessTable.this) {
                entry(local).monitors.put(ref, new Monitor(ref, from, target, target));
                monitorTargets.put(ref, local);
            }
        }

        @Override
        public void demonitor(Address from, Object target, Ref ref) {
            synchronized (ProcessTable.this) {
                Address local = monitorTargets.remove(ref);
                Entry entry = local == null ? null : entries.get(local);
                if (entry != null) {
                    entry.monitors.remove(ref);
                }
            }
        }

        @Override
        public void monitorExit(Object target, Address watcher, Ref ref, Object reason) {
            OutMonitor out = outMonitors.remove(ref);
            if (out != null) {
                out.watcher().send(new Down(ref, out.downObject(), ExitReasons.fromTerm(reason)));
            }
        }

        @Override
        public void aliasSend(Object from, Ref alias, Object message) {
            Address owner = aliases.get(alias);
            if (owner != null) {
                owner.send(message);
            }
        }

        @Override
        public void nodeDown(NodeId lost) {
            List<Address[]> brokenLinks = new ArrayList<>();
            synchronized (ProcessTable.this) {
                for (Map.Entry<Address, Entry> e : entries.entrySet()) {
                    for (Address peer : e.getValue().links.removeNode(lost)) {
                        brokenLinks.add(new Address[] {e.getKey(), peer});
                    }
                    e.getValue().monitors.values().removeIf(m -> {
                        if (m.watcher().node().equals(lost)) {
                            monitorTargets.remove(m.ref());
                            return true;
                        }
                        return false;
                    });
                }
            }
            for (Address[] pair : brokenLinks) {
                deliverExit(pair[0], pair[1], Reason.NO_CONNECTION, true);
            }
            for (OutMonitor out : List.copyOf(outMonitors.values())) {
                if (out.node().equals(lost.name()) && outMonitors.remove(out.ref()) != null) {
                    out.watcher().send(new Down(out.ref(), out.downObject(), Reason.NO_CONNECTION));
                }
            }
        }
    }

    /** Links and monitors on record now, for tests and diagnostics. */
    public synchronized int size() {
        int n = 0;
        for (Entry entry : entries.values()) {
            n += entry.links.size() + entry.monitors.size();
        }
        return n + outMonitors.size();
    }
}
