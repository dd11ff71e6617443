package io.jreign.cluster.internal;

import io.jreign.cluster.ClusterSpec;
import io.jreign.cluster.ClusterStats;
import io.jreign.cluster.RemoteFailure;
import io.jreign.cluster.Serializer;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.mailbox.spi.Transport;
import io.jreign.mailbox.spi.TransportContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS cluster as a mailbox {@link Transport}: one {@link PeerLink} per other member of the
 * spec, a listening socket, and the Netty event loops that do the I/O.
 *
 * <p>Pipeline of every connection, in order (inbound top to bottom):
 * <pre>
 *   tls         SslHandler              TLS 1.3, mutual, cluster CA only
 *   frames      {@link FrameDecoder}            length prefix (max frame size) -&gt; {@link Frame}
 *   encoder     {@link FrameEncoder}            {@link Frame} -&gt; length prefix + bytes (outbound)
 *   handshake   {@link HandshakeHandler}        identity + Hello; replaced by
 *   connection  {@link ConnectionHandler}       frames to/from the {@link PeerLink}
 * </pre>
 * Time (heartbeats, handshake deadline, backoff, undeliverable wait) is on the node's clock seam,
 * randomness (backoff jitter) on its entropy seam. Netty's event loops are the only threads this
 * class starts.
 */
public final class ClusterTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTransport.class);
    /** Bound while the transport runs code (timers, node callbacks) whose sends must not wait. */
    private static final ScopedValue<Boolean> NO_BLOCKING = ScopedValue.newInstance();

    private final ClusterSpec spec;
    private final ClusterSpec.Member me;
    private final Serializer serializer;
    private final TlsContexts tls;
    private final int ioThreads;
    private final Counters counters = new Counters();
    private final Map<String, PeerLink> links = new LinkedHashMap<>();
    private TransportContext context;
    private Entropy entropy;
    private RefusalLog refusals;
    private EventLoopGroup group;
    private ChannelGroup channels;
    private Channel server;
    private volatile boolean closed;

    public ClusterTransport(ClusterSpec spec, ClusterSpec.Member me, Serializer serializer, TlsContexts tls, int ioThreads) {
        this.spec = spec;
        this.me = me;
        this.serializer = serializer;
        this.tls = tls;
        this.ioThreads = ioThreads;
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
        group = new MultiThreadIoEventLoopGroup(ioThreads,
                new DefaultThreadFactory("jreign-cluster-" + me.name(), true), NioIoHandler.newFactory());
        channels = new DefaultChannelGroup("jreign-cluster-" + me.name(), group.next());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childHandler(initializer(null));
        ChannelFuture bound = bootstrap.bind(me.listen().host(), me.listen().port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroup();
            throw new IllegalStateException("node " + me.name() + " cannot listen on " + me.listen() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        server = bound.channel();
        LOG.info("{}: listening on {} ({} TLS) for cluster {}", self(), server.localAddress(), tls.provider(), spec.cluster());
        for (PeerLink link : links.values()) {
            link.dial();
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
            throw new IllegalArgumentException("node " + to.node().name() + " is not a member of cluster " + spec.cluster());
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
     * Leaves the cluster: every connection flushes what it can, says Leave and closes (peers see
     * this node go down), dials stop, the listening socket and the event loops close. Messages still
     * queued are dropped and counted. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ChannelFuture> closing = new ArrayList<>();
        for (PeerLink link : links.values()) {
            closing.addAll(link.leave());
        }
        boolean onEventLoop = inEventLoop();
        long waitMillis = timeouts().connectTimeout().toMillis();
        if (!onEventLoop) {
            for (ChannelFuture future : closing) {
                future.awaitUninterruptibly(waitMillis);
            }
        }
        if (server != null) {
            server.close();
        }
        if (channels != null) {
            channels.close();
        }
        shutdownGroup();
        LOG.info("{}: left cluster {}", self(), spec.cluster());
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
        return !NO_BLOCKING.isBound() && !inEventLoop();
    }

    private boolean inEventLoop() {
        if (group == null) {
            return false;
        }
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    ChannelFuture connect(ClusterSpec.Member member, PeerLink link) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeouts().connectTimeout().toMillis()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .handler(initializer(link));
        return bootstrap.connect(InetSocketAddress.createUnresolved(member.advertise().host(), member.advertise().port()));
    }

    private ChannelInitializer<SocketChannel> initializer(PeerLink dialled) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                if (closed) {
                    channel.close();
                    return;
                }
                channels.add(channel);
                SslHandler ssl = dialled != null
                        ? tls.client().newHandler(channel.alloc(), dialled.member.advertise().host(), dialled.member.advertise().port())
                        : tls.server().newHandler(channel.alloc());
                ssl.setHandshakeTimeoutMillis(2 * timeouts().connectTimeout().toMillis()); // a backstop to ours
                ChannelPipeline pipeline = channel.pipeline();
                pipeline.addLast("tls", ssl);
                pipeline.addLast("frames", new FrameDecoder(spec.limits().maxFrameSize()));
                pipeline.addLast("encoder", FrameEncoder.INSTANCE);
                pipeline.addLast("handshake", new HandshakeHandler(ClusterTransport.this, dialled));
            }
        };
    }

    private static WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    }

    private void shutdownGroup() {
        if (group != null && !inEventLoop()) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        } else if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
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
        return new ClusterStats(connected, channels == null ? 0 : channels.size(), queued,
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
        return server == null ? null : (InetSocketAddress) server.localAddress();
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

    /** The serializer id this node announces in its Hello. */
    public String serializerId() {
        return serializer.id();
    }

    /** The TLS implementation in use: {@code OPENSSL} or {@code JDK}. */
    public String tlsProvider() {
        return tls.provider().name();
    }
}
