package io.jreign.testkit;

import io.jreign.cluster.ClusterSpec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The byte-stream side of the {@link SimNetwork}: simulated TCP connections between cluster nodes
 * ({@link SimSockets}), whose every packet (SYN, SYN-ACK, data, FIN/RST) rides the network's
 * directed link between the two nodes, with its delays, cuts and clogs; and the network's "event
 * loop", {@link #pump}, which runs the channels' pending Netty tasks whenever the
 * {@link DeterministicScheduler} is about to choose what runs next.
 *
 * <pre>
 *   dial: client channel (inactive) --SYN--> listener? accept: server channel (active)
 *                                  <--SYN-ACK-- client active, dial succeeds
 *                                  <--RST------ no listener: the dial fails, connection refused
 *   data: doWrite --bytes--> link (delay, held while cut or clogged) --> peer pipeline reads
 *   close: either end closes --FIN--> the other end closes, after what was sent before it
 * </pre>
 * A cut that lasts is noticed by the cluster's own heartbeats: nothing here declares a node down.
 * Drop and duplicate faults do not apply to streams (TCP retransmits and discards duplicates).
 * Everything runs on the baton holder's thread, marked as the network's ({@link #inNetwork}), so
 * that code run here never waits.
 */
final class SimStreams {
    private static final ScopedValue<Boolean> NETWORK = ScopedValue.newInstance();

    private final SimNetwork network;
    private final VirtualClock clock;
    private final Trace trace;
    private final Map<ClusterSpec.Endpoint, SimSockets> listeners = new HashMap<>();
    private final Map<ClusterSpec.Endpoint, String> knownHosts = new HashMap<>();
    private final List<SimChannel> channels = new ArrayList<>();
    private long lastChannel;
    private long wakeAt = Long.MAX_VALUE;

    SimStreams(SimNetwork network, VirtualClock clock, Trace trace) {
        this.network = network;
        this.clock = clock;
        this.trace = trace;
    }

    VirtualClock clock() {
        return clock;
    }

    /** Whether the calling code runs as the network (a pump or a delivery): it must not wait. */
    static boolean inNetwork() {
        return NETWORK.isBound();
    }

    // ---- listeners ----------------------------------------------------------------------------

    synchronized void listen(ClusterSpec.Endpoint at, SimSockets sockets) {
        SimSockets other = listeners.get(at);
        if (other != null && !other.isDead()) {
            throw new IllegalStateException("address already in use: " + at + " (node " + other.node() + ")");
        }
        listeners.put(at, sockets);
        knownHosts.put(at, sockets.node());
        network.addStreamNode(sockets.node());
    }

    synchronized void unlisten(ClusterSpec.Endpoint at, SimSockets sockets) {
        listeners.remove(at, sockets);
    }

    // ---- connections --------------------------------------------------------------------------

    /** A dial from {@code from} to {@code to}: the channel at once, the future when connected or refused. */
    ChannelFuture dial(SimSockets from, ClusterSpec.Endpoint to, Consumer<Channel> initializer) {
        String target;
        synchronized (this) {
            target = knownHosts.get(to);
        }
        SimChannel client = newChannel(from, target == null ? to.host() : target, to);
        initializer.accept(client);
        register(client);
        ChannelPromise connected = client.newPromise();
        trace.record("syn " + client.id() + " " + from.node() + "->" + to);
        if (target == null) { // no such host ever listened: refused at once, as by an unreachable network
            clock.schedule(java.time.Duration.ZERO, () -> asNetwork(() -> refused(client, connected, to)));
            return connected;
        }
        network.carry(from.node(), target, "syn", () -> asNetwork(() -> accept(client, connected, to)));
        return connected;
    }

    private void accept(SimChannel client, ChannelPromise connected, ClusterSpec.Endpoint to) {
        SimSockets listener;
        synchronized (this) {
            listener = listeners.get(to);
        }
        if (!client.isOpen()) {
            return; // given up before the SYN arrived: nothing to answer
        }
        if (listener == null || listener.isDead()) {
            network.carry(client.remoteNode(), client.node(), "rst", () -> asNetwork(() -> refused(client, connected, to)));
            return;
        }
        SimChannel server = newChannel(listener, client.node(), client.localAddress());
        server.connect(client);
        listener.initializer().accept(server);
        register(server); // active at once: an accepted socket is connected
        trace.record("accept " + server.id() + " for " + client.id());
        network.carry(server.node(), client.node(), "syn-ack", () -> asNetwork(() -> {
            if (!client.isOpen()) {
                server.close(); // the dialler gave up meanwhile: its reset closes the accepted end
                return;
            }
            client.connect(server);
            client.pipeline().fireChannelActive();
            connected.trySuccess();
        }));
    }

    private void refused(SimChannel client, ChannelPromise connected, ClusterSpec.Endpoint to) {
        trace.record("refused " + client.id());
        connected.tryFailure(new ConnectException("connection refused: " + to));
    }

    private SimChannel newChannel(SimSockets owner, String remoteNode, Object remote) {
        String id;
        synchronized (this) {
            id = owner.node() + "#" + ++lastChannel;
        }
        InetSocketAddress remoteAddress = remote instanceof InetSocketAddress address ? address
                : InetSocketAddress.createUnresolved(((ClusterSpec.Endpoint) remote).host(), ((ClusterSpec.Endpoint) remote).port());
        return new SimChannel(this, id, owner, remoteNode, remoteAddress);
    }

    private void register(SimChannel channel) {
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException("cannot register simulated channel " + channel.id(), e);
        }
        synchronized (this) {
            channels.add(channel);
        }
        channel.closeFuture().addListener(unused -> closed(channel));
    }

    /** One end closed: the other end learns it behind what was sent before (FIN, or RST from a crashed node). */
    private void closed(SimChannel channel) {
        synchronized (this) {
            channels.remove(channel);
        }
        trace.record("close " + channel.id());
        SimChannel peer = channel.peer();
        if (peer != null && peer.isOpen()) {
            network.carry(channel.node(), peer.node(), "fin", () -> asNetwork(() -> {
                if (peer.isOpen()) {
                    peer.close();
                }
            }));
        }
    }

    // ---- traffic ------------------------------------------------------------------------------

    /** Bytes written by {@code from}, to its peer over the link; the peer reads them in order. */
    void send(SimChannel from, byte[] bytes) {
        SimChannel to = from.peer();
        if (to == null || from.owner().isDead()) {
            from.acknowledged(bytes.length); // a crashed node says nothing more
            return;
        }
        network.carry(from.node(), to.node(), "data", () -> asNetwork(() -> {
            if (to.isOpen() && from.peer() == to) {
                to.received(bytes);
            }
            from.acknowledged(bytes.length); // read, or discarded by a closed end: out of flight either way
        }));
    }

    // ---- the network's event loop -------------------------------------------------------------

    /**
     * Runs every channel's pending Netty tasks, in channel order, until none is left; arms a timer
     * for the earliest task scheduled later. Called by the scheduler before each choice.
     */
    void pump() {
        asNetwork(() -> {
            boolean ran = true;
            while (ran) {
                ran = false;
                for (SimChannel channel : snapshot()) {
                    if (channel.hasPendingTasks()) {
                        ran = true;
                        channel.runPendingTasks();
                    }
                    try {
                        channel.checkException();
                    } catch (Exception | Error failure) {
                        trace.record("failure " + channel.id() + ": " + failure.getClass().getSimpleName());
                        channel.close();
                    }
                }
            }
            long next = Long.MAX_VALUE;
            for (SimChannel channel : snapshot()) {
                long delay = channel.runScheduledPendingTasks();
                if (delay > 0) {
                    next = Math.min(next, clock.nanoTime() + delay);
                }
            }
            armWake(next);
        });
    }

    private void armWake(long at) {
        synchronized (this) {
            if (at == Long.MAX_VALUE || (wakeAt <= at && wakeAt > clock.nanoTime())) {
                return;
            }
            wakeAt = at;
        }
        // Firing any timer makes the scheduler pump again, which runs the task that is due.
        clock.schedule(java.time.Duration.ofNanos(at - clock.nanoTime()), () -> { });
    }

    private synchronized List<SimChannel> snapshot() {
        return channels.isEmpty() ? List.of() : new ArrayList<>(channels);
    }

    /** Closes every channel of {@code sockets}' node at once, as a crash (its OS resets them). */
    void closeAll(SimSockets sockets) {
        for (SimChannel channel : snapshot()) {
            if (channel.owner() == sockets) {
                // Straight to the socket, past the pipeline: no TLS close_notify waiting for a flush.
                asNetwork(() -> channel.unsafe().close(channel.unsafe().voidPromise()));
            }
        }
    }

    private static void asNetwork(Runnable action) {
        if (NETWORK.isBound()) {
            action.run();
        } else {
            ScopedValue.where(NETWORK, Boolean.TRUE).run(action);
        }
    }
}
