package io.jreign.cluster.internal;

import io.jreign.cluster.ClusterSpec;
import io.jreign.cluster.ClusterStats;
import io.jreign.cluster.RemoteFailure;
import io.jreign.cluster.Serializer;
import io.jreign.cluster.spi.Sockets;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.NameClaim;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.mailbox.spi.Transport;
import io.jreign.mailbox.spi.TransportContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS cluster as a mailbox {@link Transport}: one {@link PeerLink} per other member, a
 * listening endpoint, and the {@link Sockets} that carry the connections.
 *
 * <p>Pipeline of every connection, in order (inbound top to bottom):
 * <pre>
 *   tls         SslHandler              TLS 1.3, mutual, cluster CA only
 *   frames      {@link FrameDecoder}            length prefix (max frame size) -&gt; {@link Frame}
 *   encoder     {@link FrameEncoder}            {@link Frame} -&gt; length prefix + bytes (outbound)
 *   handshake   {@link HandshakeHandler}        identity + Hello; replaced by
 *   connection  {@link ConnectionHandler}       frames to/from the {@link PeerLink}
 * </pre>
 * Time (heartbeats, dial and handshake deadlines, backoff, undeliverable wait) is on the node's
 * clock seam, randomness (backoff jitter) on its entropy seam, threads on its scheduler seam or
 * the {@link Sockets}' own.
 *
 * <h2>Membership</h2>
 * The members can change while the node runs ({@link #addMember}, {@link #removeMember},
 * {@link #reload}); changes are serialised on one lock and take effect at once: the spec that
 * handshakes check is replaced in one write, then links are added (and dialled) or removed (their
 * connection closed, the node reported down, their queue dropped).
 *
 * <h2>Names</h2>
 * Every change to a local claim ({@link #claimChanged}, under the registry's lock) goes to each
 * link's {@link NameFeed}, which only enqueues; each connection sends its peer a full sync first,
 * then the changes (see {@link PeerLink}).
 */
public final class ClusterTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTransport.class);
    /** Bound while the transport runs code (timers, node callbacks) whose sends must not wait. */
    private static final ScopedValue<Boolean> NO_BLOCKING = ScopedValue.newInstance();
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final ClusterSpec.Member me;
    private final Serializer serializer;
    private final TlsContexts tls;
    private final Function<Scheduler, Sockets> socketsFactory;
    private final Counters counters = new Counters();
    private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicLong unshareableNames = new AtomicLong();
    private final Object membership = new Object();
    private volatile ClusterSpec spec;
    private TransportContext context;
    private Entropy entropy;
    private RefusalLog refusals;
    private volatile Sockets sockets;
    private volatile InetSocketAddress listening;
    private boolean started; // guarded by membership
    private volatile boolean closed;

    /** A transport on Netty sockets with {@code ioThreads} event-loop threads that never busy-wait. */
    public ClusterTransport(ClusterSpec spec, ClusterSpec.Member me, Serializer serializer, TlsContexts tls, int ioThreads) {
        this(spec, me, serializer, tls, ioThreads, Duration.ZERO, Clock.system());
    }

    /**
     * A transport on Netty sockets with {@code ioThreads} event-loop threads, each of which polls
     * its sockets for {@code busyWait} (timed on {@code clock}) before it sleeps.
     */
    public ClusterTransport(ClusterSpec spec, ClusterSpec.Member me, Serializer serializer, TlsContexts tls,
            int ioThreads, Duration busyWait, Clock clock) {
        this(spec, me, serializer, tls, scheduler -> new NettySockets(me.name(), ioThreads, busyWait, clock, scheduler));
    }

    /** A transport whose connections come from {@code sockets}, made (with the node's scheduler) when it starts. */
    public ClusterTransport(ClusterSpec spec, ClusterSpec.Member me, Serializer serializer, TlsContexts tls,
            Function<Scheduler, Sockets> sockets) {
        this.spec = spec;
        this.me = me;
        this.serializer = serializer;
        this.tls = tls;
        this.socketsFactory = sockets;
    }

    // ---- Transport ----------------------------------------------------------------------------

    @Override
    public void attach(TransportContext context) {
        this.context = context;
        this.entropy = context.entropy().split("cluster");
        this.refusals = new RefusalLog(LoggerFactory.getLogger(HandshakeHandler.class), context.clock());
        for (ClusterSpec.Member member : spec.nodes()) {
            if (!member.name().equals(me.name())) {
                links.put(member.name(), new PeerLink(this, member));
            }
        }
    }

    /**
     * Listens and starts dialling every peer.
     *
     * @throws IllegalStateException if the listen address cannot be bound
     */
    public void start() {
        synchronized (membership) {
            sockets = socketsFactory.apply(context.scheduler());
            try {
                listening = sockets.listen(me.listen(), channel -> initChannel(channel, null));
            } catch (RuntimeException e) {
                sockets.close();
                throw new IllegalStateException("node " + me.name() + " cannot listen on " + me.listen() + ": "
                        + e.getMessage(), e);
            }
            started = true;
            LOG.info("{}: listening on {} ({} TLS) for cluster {}", self(), listening, tls.provider(), spec.cluster());
            for (PeerLink link : links.values()) {
                link.dial();
            }
        }
    }

    @Override
    public boolean reaches(NodeId node) {
        return !closed && links.containsKey(node.name());
    }

    @Override
    public void send(Address to, Object message) {
        PeerLink link = links.get(to.node().name());
        if (link == null) {
            counters.undeliverable.increment(); // removed from the membership since the node routed it here
            return;
        }
        link.send(to, message);
    }

    @Override
    public boolean watch(Address target, Address watcher) {
        PeerLink link = links.get(target.node().name());
        return link != null && link.watch(target, watcher);
    }

    @Override
    public void unwatch(Address target, Address watcher) {
        PeerLink link = links.get(target.node().name());
        if (link != null) {
            link.unwatch(target, watcher);
        }
    }

    @Override
    public void notifyClosed(Address target, Address watcher, Object reason) {
        PeerLink link = links.get(watcher.node().name());
        if (link != null) {
            link.notifyClosed(target, watcher, reason);
        }
    }

    /**
     * Hands the change to every link's feed; called under the registry's lock (possibly before
     * {@link #attach}, when there are no links yet): enqueues only. A name the wire cannot carry
     * stays on this node, with a warning.
     */
    @Override
    public void claimChanged(NameClaim claim, boolean claimed) {
        if (!NameFeed.shareable(claim.name())) {
            if (claimed && unshareableNames.getAndIncrement() == 0) {
                LOG.warn("name \"{}...\" of {} stays on this node: names longer than {} bytes of UTF-8 are not shared"
                        + " with the cluster (further ones are logged at debug level)",
                        claim.name().substring(0, Math.min(40, claim.name().length())), claim.address(), Frame.MAX_NAME_BYTES);
            } else if (claimed) {
                LOG.debug("name of {} stays on this node: longer than {} bytes of UTF-8", claim.address(), Frame.MAX_NAME_BYTES);
            }
            return;
        }
        for (PeerLink link : links.values()) {
            link.claimChanged(claim, claimed);
        }
    }

    /**
     * Leaves the cluster: every connection flushes what it can, says Leave and closes (peers see
     * this node go down), dials stop, the listening socket and the network threads close. Messages
     * still queued are dropped and counted. Idempotent.
     */
    @Override
    public void close() {
        synchronized (membership) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (PeerLink link : links.values()) {
            closing.addAll(link.leave());
        }
        if (sockets != null && !sockets.isNetworkThread()) {
            awaitDone(closing, timeouts().connectTimeout());
        }
        for (Channel channel : channels) {
            channel.close();
        }
        if (sockets != null) {
            sockets.close();
        }
        LOG.info("{}: left cluster {}", self(), spec.cluster());
    }

    // ---- membership ---------------------------------------------------------------------------

    /**
     * Adds {@code member}: its connections are accepted from now on and it is dialled.
     *
     * @throws io.jreign.cluster.ClusterSpecException if its name or advertised address is taken or invalid
     */
    public void addMember(ClusterSpec.Member member) {
        synchronized (membership) {
            ensureOpen();
            ClusterSpec next = spec.withMember(member);
            PeerLink link = new PeerLink(this, member);
            spec = next;
            links.put(member.name(), link);
            LOG.info("{}: {} is a member now, at {}", self(), member.name(), member.advertise());
            if (started) {
                link.dial();
            }
        }
    }

    /**
     * Removes member {@code name}: its connection closes (it goes down here), its queued messages
     * are dropped and counted, and it is refused from now on.
     *
     * @throws IllegalArgumentException if it is not a member, or is this node
     */
    public void removeMember(String name) {
        PeerLink link;
        synchronized (membership) {
            ensureOpen();
            if (name.equals(me.name())) {
                throw new IllegalArgumentException("node " + name + " cannot remove itself from the membership; close it instead");
            }
            spec = spec.withoutMember(name);
            link = links.remove(name);
        }
        link.remove();
        LOG.info("{}: {} is no longer a member", self(), name);
    }

    /**
     * Applies the membership of {@code next}: members it lacks are removed, new ones added, and
     * peers whose advertised address moved are dialled there from their next dial on. Everything
     * else must be as this node runs it.
     *
     * @throws io.jreign.cluster.ClusterSpecException naming the first field that differs but cannot
     *                                                change while the node runs; nothing is applied then
     */
    public void reload(ClusterSpec next) {
        List<PeerLink> removed = new ArrayList<>();
        MembershipDiff diff;
        synchronized (membership) {
            ensureOpen();
            diff = MembershipDiff.of(spec, next, me);
            spec = next;
            for (String name : diff.removed()) {
                removed.add(links.remove(name));
            }
            for (ClusterSpec.Member member : diff.added()) {
                PeerLink link = new PeerLink(this, member);
                links.put(member.name(), link);
                if (started) {
                    link.dial();
                }
            }
            for (ClusterSpec.Member member : diff.moved()) {
                links.get(member.name()).retarget(member);
            }
        }
        for (PeerLink link : removed) {
            link.remove();
        }
        LOG.info("{}: reloaded the membership: {}", self(), diff);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("node " + me.name() + " has left the cluster");
        }
    }

    // ---- for the links and handlers -----------------------------------------------------------

    ClusterSpec spec() {
        return spec;
    }

    ClusterSpec.Timeouts timeouts() {
        return spec.timeouts();
    }

    ClusterSpec.Limits limits() {
        return spec.limits();
    }

    Serializer serializer() {
        return serializer;
    }

    RefusalLog refusals() {
        return refusals;
    }

    Counters counters() {
        return counters;
    }

    TransportContext context() {
        return context;
    }

    Clock clock() {
        return context.clock();
    }

    Scheduler scheduler() {
        return context.scheduler();
    }

    Entropy entropy() {
        return entropy;
    }

    NodeId self() {
        return context.self();
    }

    int maxPayload() {
        return spec.limits().maxFrameSize() - (1 + 4 + 8);
    }

    PeerLink link(String name) {
        return links.get(name);
    }

    Frame.Hello hello() {
        NodeId self = self();
        return new Frame.Hello(Frame.VERSION, spec.cluster(), self.name(), self.incarnation(), serializer.id());
    }

    /** Runs {@code action} on the clock seam, marked as a thread that must not block in a send. */
    Cancellable schedule(Duration delay, Runnable action) {
        return context.clock().schedule(delay, () -> withoutBlocking(action));
    }

    /** Runs {@code action} so that sends it makes never wait for queue room (they drop and count instead). */
    void withoutBlocking(Runnable action) {
        ScopedValue.where(NO_BLOCKING, Boolean.TRUE).run(action);
    }

    /** Whether the calling thread may wait for queue room: not a network thread, timer or callback. */
    boolean mayBlock() {
        return !NO_BLOCKING.isBound() && (sockets == null || !sockets.isNetworkThread());
    }

    /** Dials {@code link}'s member; the returned channel is set up like any other. */
    ChannelFuture connect(PeerLink link) {
        return sockets.dial(link.member().advertise(), channel -> initChannel(channel, link));
    }

    private void initChannel(Channel channel, PeerLink dialled) {
        if (closed) {
            channel.close();
            return;
        }
        channels.add(channel);
        channel.closeFuture().addListener(unused -> channels.remove(channel));
        channel.config().setWriteBufferWaterMark(WATER_MARK);
        SslHandler ssl = dialled != null
                ? tls.client().newHandler(channel.alloc(), dialled.member().advertise().host(), dialled.member().advertise().port())
                : tls.server().newHandler(channel.alloc());
        ssl.setHandshakeTimeoutMillis(0); // off: the deadlines on the clock seam cover the TLS handshake
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("tls", ssl);
        pipeline.addLast("frames", new FrameDecoder(spec.limits().maxFrameSize()));
        pipeline.addLast("encoder", FrameEncoder.INSTANCE);
        pipeline.addLast("handshake", new HandshakeHandler(this, dialled));
    }

    /** Waits, through the scheduler seam and up to {@code limit} on the clock seam, for {@code futures} to complete. */
    private void awaitDone(List<ChannelFuture> futures, Duration limit) {
        long deadline = clock().nanoTime() + limit.toNanos();
        Thread waiter = Thread.currentThread();
        for (ChannelFuture future : futures) {
            future.addListener(unused -> scheduler().unpark(waiter));
            while (!future.isDone() && clock().nanoTime() - deadline < 0 && !waiter.isInterrupted()) {
                scheduler().park(future, deadline);
            }
        }
    }

    /** The address of a mailbox of this node's run {@code incarnation} (usually this run). */
    Address localAddress(long incarnation, long id) {
        NodeId self = self();
        return context.address(incarnation == self.incarnation() ? self : new NodeId(self.name(), incarnation), id);
    }

    Object decode(byte[] payload) {
        return serializer.decode(payload, 0, payload.length, context::address);
    }

    /** A close reason as bytes; a reason the serializer cannot carry becomes a {@link RemoteFailure}. */
    byte[] encodeReason(Object reason) {
        int max = spec.limits().maxFrameSize() - (1 + 8 + 4 + 8);
        try {
            return serializer.encode(reason, max);
        } catch (RuntimeException notEncodable) {
            try {
                return serializer.encode(RemoteFailure.of(reason), max);
            } catch (RuntimeException e) {
                return serializer.encode(String.valueOf(reason.getClass().getName()), max);
            }
        }
    }

    // ---- inspection ---------------------------------------------------------------------------

    /** The counters now. */
    public ClusterStats stats() {
        int connected = 0;
        long queued = 0;
        for (PeerLink link : links.values()) {
            connected += link.isConnected() ? 1 : 0;
            queued += link.queuedBytes();
        }
        return new ClusterStats(connected, channels.size(), queued,
                counters.sent.sum(), counters.received.sum(), counters.stale.sum(), counters.undeliverable.sum(),
                counters.queueFull.sum(), counters.refused.sum(), counters.protocolErrors.sum());
    }

    /** The peer run connected now under {@code name}, or null. */
    public NodeId connectedPeer(String name) {
        PeerLink link = links.get(name);
        return link != null && link.isConnected() ? link.peer() : null;
    }

    /** Where this node listens (the real port when the spec says 0). */
    public InetSocketAddress localAddress() {
        return listening;
    }

    /** The spec this node runs now, with its membership changes. */
    public ClusterSpec currentSpec() {
        return spec;
    }

    /** For tests: stops or resumes reading from the connection with {@code name}, to make a slow peer. */
    public void pauseReading(String name, boolean paused) {
        PeerLink link = links.get(name);
        Channel channel = link == null ? null : link.activeChannel();
        if (channel != null) {
            channel.config().setAutoRead(!paused);
        }
    }

    /** For tests: closes the connection with {@code name} as a network failure would, without a Leave. */
    public void cutConnection(String name) {
        PeerLink link = links.get(name);
        Channel channel = link == null ? null : link.activeChannel();
        if (channel != null) {
            channel.close();
        }
    }

    /** For tests: name changes waiting to go to {@code name} (its full sync not counted). */
    public int pendingNameChanges(String name) {
        PeerLink link = links.get(name);
        return link == null ? 0 : link.pendingNameChanges();
    }

    /** The serializer id this node announces in its Hello. */
    public String serializerId() {
        return serializer.id();
    }

    /** The TLS implementation in use: {@code OPENSSL} or {@code JDK}. */
    public String tlsProvider() {
        return tls.provider().name();
    }
}
