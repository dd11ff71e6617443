package io.jreign.testkit;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.TransportContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulated network between a {@link Simulation}'s nodes, with faults per directed link.
 *
 * <h2>What it models</h2>
 * <ul>
 *   <li>A connection per node pair, as the TLS cluster and Erlang distribution have: traffic on a
 *       directed link is delivered in order after a delay drawn from the link's range, or not at
 *       all once the connection is lost. A message in flight when its connection goes down is
 *       lost, as on a real socket.</li>
 *   <li>A cut link (partition) carries nothing; if either direction of a pair stays cut for the
 *       failure-detection time (the heartbeat timeout), both sides see the other node go down and
 *       every watch across fires with {@code NO_CONNECTION}, and what was sent on the lost
 *       connection is gone. Healing reconnects them. A cut healed before detection is a stall, as
 *       on TCP: the connection survives and what waited arrives in order.</li>
 *   <li>A crashed node's peers see it go down at once (its sockets reset); it sends nothing more.</li>
 *   <li>Drop and duplicate faults apply to user messages only: the connection's own protocol
 *       (watches, close notifications) rides on the same ordered stream and is never dropped.</li>
 *   <li>Name claims are shared as the TLS cluster shares them: a full copy when a connection comes
 *       up, then every change, on the connection's ordered stream.</li>
 *   <li>Messages cross as Java serialization, so nothing is shared between nodes by accident and
 *       addresses inside messages are re-bound on the receiving node. A message that is not
 *       serializable fails at send time, naming its class.</li>
 * </ul>
 * Every fault and delay draws from the network's own entropy stream.
 *
 * <h2>Cluster nodes</h2>
 * Nodes started with {@link Simulation#cluster} run the real TLS cluster protocol; their
 * connections are byte streams ({@link SimStreams}) on the same directed links, with the same
 * delays, cuts and clogs, in order per link, and held (not lost) while a link is cut or clogged, as
 * TCP holds them. Nothing here declares a cluster node down: its own heartbeats do, and a crash
 * resets its connections. Drop and duplicate faults do not apply to them (TCP retransmits).
 */
public final class SimNetwork {
    /** Per-link counters. */
    public record Stats(long sent, long delivered, long dropped, long duplicated) {}

    private final VirtualClock clock;
    private final Entropy entropy;
    private final Trace trace;
    private final Map<String, SimTransport> members = new TreeMap<>();
    private final Map<Link, LinkState> links = new HashMap<>();
    private final Map<Pair, Connection> connections = new HashMap<>();
    private final Set<String> streamNodes = new TreeSet<>();
    private Duration failureDetection = Duration.ofSeconds(5);
    private long defaultMinDelay = Duration.ofNanos(100_000).toNanos();
    private long defaultMaxDelay = Duration.ofMillis(1).toNanos();
    private long sent;
    private long delivered;
    private long dropped;
    private long duplicated;

    SimNetwork(VirtualClock clock, Entropy entropy, Trace trace) {
        this.clock = clock;
        this.entropy = entropy;
        this.trace = trace;
    }

    // ---- configuration and faults -------------------------------------------------------------

    /** How long a cut must last before both sides declare each other down (the heartbeat timeout). */
    public synchronized SimNetwork failureDetection(Duration timeout) {
        failureDetection = timeout;
        return this;
    }

    /** The delay range of links without one of their own. */
    public synchronized SimNetwork defaultDelay(Duration min, Duration max) {
        checkRange(min, max);
        defaultMinDelay = min.toNanos();
        defaultMaxDelay = max.toNanos();
        return this;
    }

    /** Cuts both directions between {@code a} and {@code b}. */
    public void partition(String a, String b) {
        partitionOneWay(a, b);
        partitionOneWay(b, a);
    }

    /** Cuts every link between the nodes of {@code side} and all others. */
    public void isolate(String... side) {
        List<String> isolated = List.of(side);
        for (String other : memberNames()) {
            if (!isolated.contains(other)) {
                for (String node : isolated) {
                    partition(node, other);
                }
            }
        }
    }

    /** Cuts the link from {@code from} to {@code to} only; the connection fails at the next detection. */
    public void partitionOneWay(String from, String to) {
        synchronized (this) {
            link(from, to).cut = true;
            trace.record("cut " + from + "->" + to);
        }
        watchForFailure(new Pair(from, to));
    }

    /** Restores both directions between {@code a} and {@code b}; a lost connection comes back. */
    public void heal(String a, String b) {
        synchronized (this) {
            int held = 0;
            for (LinkState link : List.of(link(a, b), link(b, a))) {
                link.cut = false;
                if (!link.clogged) {
                    held += link.held.size();
                    sendOnHeld(link); // what waited on a surviving connection arrives, in order
                    flowAgain(link);
                }
            }
            trace.record("heal " + a + "<->" + b + " " + held);
        }
        reconnect(new Pair(a, b));
    }

    /** Restores every link. */
    public void healAll() {
        List<Link> cut;
        synchronized (this) {
            cut = links.entrySet().stream().filter(e -> e.getValue().cut).map(Map.Entry::getKey).toList();
        }
        for (Link link : cut) {
            heal(link.from(), link.to());
        }
    }

    /** Drops each user message from {@code from} to {@code to} with {@code probability}. */
    public synchronized void drop(String from, String to, double probability) {
        link(from, to).dropProbability = probability;
    }

    /** Delivers each user message from {@code from} to {@code to} twice with {@code probability}. */
    public synchronized void duplicate(String from, String to, double probability) {
        link(from, to).duplicateProbability = probability;
    }

    /** Delays traffic from {@code from} to {@code to} by a uniform draw in {@code [min, max]}; order is kept. */
    public synchronized void delay(String from, String to, Duration min, Duration max) {
        checkRange(min, max);
        LinkState link = link(from, to);
        link.minDelay = min.toNanos();
        link.maxDelay = max.toNanos();
    }

    /** Holds all traffic from {@code from} to {@code to} until {@link #release}; the connection stays up. */
    public synchronized void clog(String from, String to) {
        link(from, to).clogged = true;
        trace.record("clog " + from + "->" + to);
    }

    /** Delivers what {@link #clog} held, in order, and lets traffic flow again. */
    public void release(String from, String to) {
        synchronized (this) {
            LinkState link = link(from, to);
            link.clogged = false;
            int held = link.held.size();
            if (!link.cut) {
                sendOnHeld(link);
                flowAgain(link);
            }
            trace.record("release " + from + "->" + to + " " + held);
        }
    }

    /**
     * Sends on what {@code link} held, in order, behind what is still in flight on it: a held
     * packet must not overtake one scheduled before the link stopped.
     */
    private void sendOnHeld(LinkState link) {
        long now = clock.nanoTime();
        long at = Math.max(now, link.lastDeliveryAt);
        link.lastDeliveryAt = at;
        for (Runnable delivery : link.held) {
            clock.schedule(Duration.ofNanos(at - now), delivery); // same instant: FIFO
        }
        link.held.clear();
    }

    /** Network-wide counters. */
    public synchronized Stats stats() {
        return new Stats(sent, delivered, dropped, duplicated);
    }

    /** Whether {@code a} and {@code b} are connected now. */
    public synchronized boolean connected(String a, String b) {
        Connection connection = connections.get(new Pair(a, b));
        return connection != null && connection.up;
    }

    // ---- membership (used by Simulation) ------------------------------------------------------

    /** A node joins: it connects to every member it has an uncut path with. */
    void join(SimTransport transport) {
        String name = transport.name();
        List<Pair> toConnect = new ArrayList<>();
        synchronized (this) {
            members.put(name, transport);
            for (String other : members.keySet()) {
                if (!other.equals(name)) {
                    toConnect.add(new Pair(name, other));
                }
            }
        }
        toConnect.forEach(this::reconnect);
    }

    /** A node is gone (closed or crashed): its peers see it go down at once. */
    void leave(SimTransport transport) {
        List<Pair> toDrop = new ArrayList<>();
        synchronized (this) {
            if (members.get(transport.name()) != transport) {
                return;
            }
            members.remove(transport.name());
            for (Pair pair : connections.keySet()) {
                if (pair.has(transport.name())) {
                    toDrop.add(pair);
                }
            }
        }
        for (Pair pair : toDrop) {
            disconnect(pair, "node " + transport.name() + " is gone");
        }
    }

    synchronized boolean isMember(String name) {
        return members.containsKey(name);
    }

    synchronized List<String> memberNames() {
        Set<String> names = new TreeSet<>(members.keySet());
        names.addAll(streamNodes);
        return new ArrayList<>(names);
    }

    /** A cluster node's name, for {@link #isolate} and schedules. */
    synchronized void addStreamNode(String name) {
        streamNodes.add(name);
    }

    // ---- byte streams (used by SimStreams) ----------------------------------------------------

    /**
     * Carries one packet of a byte stream from {@code from} to {@code to}: after the link's delay,
     * in order with everything else on the link, held while the link is cut or clogged and sent on
     * (still in order) when it flows again. Never dropped or duplicated.
     */
    void carry(String from, String to, String what, Runnable delivery) {
        long delay;
        synchronized (this) {
            LinkState link = link(from, to);
            long span = link.maxDelay(defaultMaxDelay) - link.minDelay(defaultMinDelay);
            long at = clock.nanoTime() + link.minDelay(defaultMinDelay) + (span > 0 ? entropy.nextLong(span + 1) : 0);
            at = Math.max(at, link.lastStreamAt);
            link.lastStreamAt = at;
            trace.record(what + " " + from + "->" + to + " @" + at);
            if (link.clogged || link.cut || !link.stream.isEmpty()) {
                link.stream.add(delivery);
                return;
            }
            delay = at - clock.nanoTime();
        }
        clock.schedule(Duration.ofNanos(delay), delivery);
    }

    /** A link flows again: its held stream packets go, in order, none before what is already on its way. */
    private void flowAgain(LinkState link) {
        // holds this
        if (link.stream.isEmpty()) {
            return;
        }
        long now = clock.nanoTime();
        link.lastStreamAt = Math.max(link.lastStreamAt, now);
        Duration delay = Duration.ofNanos(link.lastStreamAt - now);
        for (Runnable packet : link.stream) {
            clock.schedule(delay, packet); // same instant: fired in this order
        }
        link.stream.clear();
    }

    // ---- traffic (used by SimTransport) -------------------------------------------------------

    void send(SimTransport from, Address to, Object message) {
        byte[] bytes = Wire.encode(message); // fails at send time, naming the class
        SimTransport peer;
        synchronized (this) {
            sent++;
            peer = liveConnectedPeer(from, to.node());
            if (peer == null) {
                dropped++;
                trace.record("drop " + from.name() + "->" + to + " (no connection)");
                return;
            }
        }
        SimTransport target = peer;
        transmit(from.name(), target.name(), true, () -> {
            TransportContext context = target.context();
            context.deliver(context.address(to.node(), to.id()), Wire.decode(bytes, context));
            synchronized (this) {
                delivered++;
            }
        });
    }

    boolean control(SimTransport from, NodeId toNode, java.util.function.Consumer<TransportContext> action) {
        SimTransport peer;
        synchronized (this) {
            peer = liveConnectedPeer(from, toNode);
        }
        if (peer == null) {
            return false;
        }
        SimTransport target = peer;
        transmit(from.name(), target.name(), false, () -> action.accept(target.context()));
        return true;
    }

    /** {@link #control} to every peer {@code from} is connected to now. */
    void broadcastControl(SimTransport from, java.util.function.Consumer<TransportContext> action) {
        List<SimTransport> peers = new ArrayList<>();
        synchronized (this) {
            for (SimTransport member : members.values()) {
                if (member != from && liveConnectedPeer(from, member.id()) != null) {
                    peers.add(member);
                }
            }
        }
        for (SimTransport peer : peers) {
            transmit(from.name(), peer.name(), false, () -> action.accept(peer.context()));
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    private SimTransport liveConnectedPeer(SimTransport from, NodeId toNode) {
        SimTransport peer = members.get(toNode.name());
        if (peer == null || members.get(from.name()) != from || !peer.id().equals(toNode)) {
            return null;
        }
        Connection connection = connections.get(new Pair(from.name(), peer.name()));
        return connection != null && connection.up ? peer : null;
    }

    private void transmit(String from, String to, boolean userMessage, Runnable delivery) {
        Runnable scheduled;
        long delay;
        synchronized (this) {
            LinkState link = link(from, to);
            Connection connection = connections.get(new Pair(from, to));
            if (userMessage && link.dropProbability > 0 && chance(link.dropProbability)) {
                dropped++;
                trace.record("drop " + from + "->" + to);
                return;
            }
            int copies = userMessage && link.duplicateProbability > 0 && chance(link.duplicateProbability) ? 2 : 1;
            duplicated += copies - 1;
            long epoch = connection.epoch;
            long span = link.maxDelay(defaultMaxDelay) - link.minDelay(defaultMinDelay);
            long at = clock.nanoTime() + link.minDelay(defaultMinDelay) + (span > 0 ? entropy.nextLong(span + 1) : 0);
            at = Math.max(at, link.lastDeliveryAt); // a connection keeps its order whatever the delays
            link.lastDeliveryAt = at;
            delay = at - clock.nanoTime();
            String event = (userMessage ? "msg " : "ctl ") + from + "->" + to + " @" + at;
            trace.record(event);
            scheduled = () -> {
                synchronized (this) {
                    if (connection.epoch != epoch || !connection.up) {
                        dropped++;
                        trace.record("lost " + event + " (connection lost)");
                        return;
                    }
                }
                for (int i = 0; i < copies; i++) {
                    delivery.run();
                }
            };
            if (link.clogged || link.cut) {
                // Like a TCP stream: held until the link heals (the connection survived) or the
                // connection is declared lost (then it is gone with it).
                link.held.add(scheduled);
                return;
            }
        }
        clock.schedule(Duration.ofNanos(delay), scheduled);
    }

    private void watchForFailure(Pair pair) {
        clock.schedule(failureDetectionTime(), () -> {
            boolean stillCut;
            synchronized (this) {
                stillCut = link(pair.a(), pair.b()).cut || link(pair.b(), pair.a()).cut;
            }
            if (stillCut) {
                disconnect(pair, "heartbeat timeout");
            }
        });
    }

    private synchronized Duration failureDetectionTime() {
        return failureDetection;
    }

    private void disconnect(Pair pair, String reason) {
        SimTransport a;
        SimTransport b;
        synchronized (this) {
            Connection connection = connections.get(pair);
            if (connection == null || !connection.up) {
                return;
            }
            connection.up = false;
            connection.epoch++;
            for (LinkState link : List.of(link(pair.a(), pair.b()), link(pair.b(), pair.a()))) {
                link.lastDeliveryAt = 0;
                dropped += link.held.size(); // held traffic of the lost connection goes with it
                link.held.clear();
            }
            a = members.get(pair.a());
            b = members.get(pair.b());
            trace.record("down " + pair + " " + reason);
        }
        if (a != null && b != null) {
            a.context().nodeDown(b.id(), reason);
            b.context().nodeDown(a.id(), reason);
        } else if (a != null) {
            a.context().nodeDown(b != null ? b.id() : a.lastKnown(pair.b()), reason);
        } else if (b != null) {
            b.context().nodeDown(b.lastKnown(pair.a()), reason);
        }
    }

    private void reconnect(Pair pair) {
        SimTransport a;
        SimTransport b;
        synchronized (this) {
            a = members.get(pair.a());
            b = members.get(pair.b());
            if (a == null || b == null || link(pair.a(), pair.b()).cut || link(pair.b(), pair.a()).cut) {
                return;
            }
            Connection connection = connections.computeIfAbsent(pair, unused -> new Connection());
            if (connection.up) {
                return;
            }
            connection.up = true;
            connection.epoch++;
            trace.record("up " + pair);
        }
        a.remember(b.id());
        b.remember(a.id());
        a.context().nodeUp(b.id());
        b.context().nodeUp(a.id());
        a.syncNamesTo(b.id());
        b.syncNamesTo(a.id());
    }

    private boolean chance(double probability) {
        return entropy.nextLong(1L << 53) < probability * (1L << 53);
    }

    private LinkState link(String from, String to) {
        return links.computeIfAbsent(new Link(from, to), unused -> new LinkState());
    }

    private static void checkRange(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("delay range must satisfy 0 <= min <= max: " + min + ", " + max);
        }
    }

    /** A directed link. */
    private record Link(String from, String to) {}

    /** An unordered node pair, for connections. */
    private record Pair(String a, String b) {
        Pair {
            if (a.compareTo(b) > 0) {
                String swap = a;
                a = b;
                b = swap;
            }
        }

        boolean has(String name) {
            return a.equals(name) || b.equals(name);
        }

        @Override
        public String toString() {
            return a + "<->" + b;
        }
    }

    /** One connection's state; {@code epoch} counts its lives, so in-flight traffic of a dead one is lost. */
    private static final class Connection {
        boolean up;
        long epoch;
    }

    /** Faults and ordering of one directed link. */
    private static final class LinkState {
        boolean cut;
        boolean clogged;
        double dropProbability;
        double duplicateProbability;
        long minDelay = -1;
        long maxDelay = -1;
        long lastDeliveryAt;
        final List<Runnable> held = new ArrayList<>();
        long lastStreamAt;
        final List<Runnable> stream = new ArrayList<>();

        long minDelay(long fallback) {
            return minDelay < 0 ? fallback : minDelay;
        }

        long maxDelay(long fallback) {
            return maxDelay < 0 ? fallback : maxDelay;
        }
    }
}
