package io.jreign.otp.dist;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.Transport;
import io.jreign.mailbox.spi.TransportContext;
import io.jreign.otp.epmd.EpmdClient;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.NodeInfo;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.AtomTable;
import io.jreign.otp.etf.EtfCodec;
import io.jreign.otp.etf.EtfException;
import io.jreign.otp.etf.Ref;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Erlang distribution protocol as a jreign {@link Transport}: it reaches every node named
 * {@code name@host}, connecting on demand (EPMD {@code PORT_PLEASE2}, then the handshake), and
 * accepts connections on its listener.
 *
 * <h2>Why blocking sockets, not Netty</h2>
 * A DIST connection is one ordered byte stream with one reader and one writer at a time; a
 * blocking {@link Socket} is exactly that, keeps the code a straight sequence (handshake, then a
 * read loop) that reads like the protocol document, and adds no dependency. Each connection's
 * reader is a platform thread (bounded: see {@link ReaderThreads}), so a read is woken by the
 * kernel, not through the JDK's poller; a lone message is written by its sender, a backlog by the
 * connection's virtual writer thread (see {@link DistConnection}). Netty would pay off for tens of
 * thousands of connections or TLS; Erlang clusters have a handful of connections per node, and
 * the bounded send queue gives the back-pressure Netty's channel writability would.
 *
 * <h2>Traffic</h2>
 * <ul>
 *   <li>{@link #send} (a jreign send): SEND, or SEND_SENDER with {@link #send(Address, Address, Object)};
 *       {@link #send(Address, String, String, Object)} is {@code {Name, Node} ! Msg} (REG_SEND);
 *       {@link #sendAlias} is ALIAS_SEND.</li>
 *   <li>Incoming SEND/SEND_SENDER go to {@link TransportContext#deliver}; REG_SEND to the mailbox
 *       registered under the name in the node's {@link io.jreign.mailbox.Names} (dropped when
 *       none, as Erlang does).</li>
 *   <li>{@link #watch} ({@code onCloseNotify} across nodes) is a MONITOR_P with a fresh ref;
 *       MONITOR_P_EXIT reports it closed. Erlang links, exits and monitors go to the
 *       {@link SignalHandler}; {@link #control} sends them.</li>
 *   <li>A send waits at most {@link DistConfig#busyTimeout()} for a busy connection (see
 *       {@link BusyPolicy}); {@link #signal} never waits, for signals queued under a lock.</li>
 *   <li>A lost connection reports {@link TransportContext#nodeDown} and
 *       {@link SignalHandler#nodeDown}, so every watch, link and monitor across it fires with
 *       {@code noconnection}.</li>
 * </ul>
 * One connection per peer and one write at a time per connection keep every sender-receiver pair in order.
 * Simultaneous connects are settled as Erlang does: the acceptor answers {@code ok_simultaneous}
 * when the initiator's name is greater, {@code nok} otherwise, and the refused side waits for the
 * other connection.
 */
public final class DistTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(DistTransport.class);
    private static final SignalHandler NO_SIGNALS = new SignalHandler() {
        public void link(Address from, Address to) { }
        public void unlink(long id, Address from, Address to) { }
        public void unlinkAck(long id, Address from, Address to) { }
        public void exit(Address from, Address to, Object reason, boolean link) { }
        public void monitor(Address from, Object target, Ref ref) { }
        public void demonitor(Address from, Object target, Ref ref) { }
        public void monitorExit(Object target, Address watcher, Ref ref, Object reason) { }
        public void aliasSend(Object from, Ref alias, Object message) { }
        public void nodeDown(NodeId node) { }
    };

    private final String cookie;
    private final boolean hidden;
    private final DistConfig config;
    private final EpmdConfig epmd;
    private final ServerSocket listener;
    private final EtfCodec codecTemplate;
    private final ConcurrentHashMap<String, CompletableFuture<DistConnection>> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Ref, Watch> watchByRef = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Watch, Ref> refByWatch = new ConcurrentHashMap<>();
    private final DistConnection.Handler handler = new Handler();
    private volatile SignalHandler signals = NO_SIGNALS;
    private volatile Address defaultSender;
    private TransportContext context;
    private NodeId self;
    private Handshake.Identity identity;
    private EtfCodec codec;
    private Refs refs;
    private Entropy entropy;
    private ReaderThreads readers;
    private volatile boolean closed;
    private final LongAdder droppedWhileBusy = new LongAdder();

    private record Watch(Address target, Address watcher) {}

    /**
     * A transport for a node known by {@code cookie}. It accepts on {@code listener} (null: only
     * outgoing connections) and finds peers through the EPMD at {@code epmd}'s port on each peer's
     * host. {@code codec} gives the records and limits terms are decoded with; the transport adds
     * a bounded atom table and binds decoded pids to its node.
     */
    public DistTransport(String cookie, boolean hidden, DistConfig config, EpmdConfig epmd, ServerSocket listener,
                         EtfCodec codec) {
        this.cookie = Objects.requireNonNull(cookie, "cookie");
        this.hidden = hidden;
        this.config = Objects.requireNonNull(config, "config");
        this.epmd = Objects.requireNonNull(epmd, "epmd");
        this.listener = listener;
        this.codecTemplate = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public void attach(TransportContext context) {
        this.context = context;
        this.self = context.self();
        this.entropy = context.entropy().split("dist");
        this.identity = new Handshake.Identity(self.name(), self.incarnation(), DistFlags.advertised(hidden), cookie);
        this.codec = codecTemplate.toBuilder().atomTable(AtomTable.bounded(config.maxNewAtoms()))
                .maxSize(config.maxMessageSize()).addressFactory(context::address).build();
        this.refs = new Refs(self, entropy.nextLong());
        this.readers = new ReaderThreads(context.scheduler(), ReaderThreads.DEFAULT_PLATFORM_LIMIT);
        if (listener != null) {
            context.scheduler().start("dist-acceptor " + self.name(), this::acceptLoop);
        }
    }

    /** Where Erlang signals from peers go; set before traffic starts. */
    public void signalHandler(SignalHandler handler) {
        this.signals = Objects.requireNonNull(handler, "handler");
    }

    /** The pid used as sender where the protocol needs one and the caller gave none (REG_SEND). */
    public void defaultSender(Address sender) {
        this.defaultSender = sender;
    }

    /** This node's reference factory. */
    public Refs refs() {
        return refs;
    }

    /** The codec used on connections (bounded atom table, records). */
    public EtfCodec codec() {
        return codec;
    }

    /** The node this transport serves. */
    public NodeId self() {
        return self;
    }

    // ---- Transport ----------------------------------------------------------------------------

    @Override
    public boolean reaches(NodeId node) {
        String name = node.name();
        return name.indexOf('@') > 0 && !name.equals(self.name());
    }

    @Override
    public void send(Address to, Object message) {
        send(null, to, message);
    }

    /** SEND_SENDER from {@code from} (null: SEND) to the remote pid {@code to}; dropped if the node cannot be reached. */
    public void send(Address from, Address to, Object message) {
        control(to.node().name(), new ControlMessage.Send(from, to), message, true);
    }

    /** {@code {name, node} ! message} (REG_SEND) from {@code from} (null: the default sender). */
    public void send(Address from, String name, String node, Object message) {
        if (node.equals(self.name())) {
            context.node().names().lookup(name).ifPresent(a -> a.send(message));
            return;
        }
        Address sender = from != null ? from : defaultSender;
        control(node, new ControlMessage.RegSend(sender, Atom.of(name)), message, true);
    }

    /** {@code Alias ! message} (ALIAS_SEND) for an alias made by another node, or a local one. */
    public void sendAlias(Address from, Ref alias, Object message) {
        if (refs.isLocal(alias)) {
            signals.aliasSend(from, alias, message);
            return;
        }
        control(alias.node().name(), new ControlMessage.AliasSend(from != null ? from : defaultSender, alias),
                message, true);
    }

    /**
     * Sends a control message to {@code node}, connecting first if {@code connect}.
     *
     * @return false if there is no connection (the message is dropped)
     */
    public boolean control(String node, ControlMessage message, Object payload, boolean connect) {
        DistConnection connection = connection(node, connect);
        if (connection == null) {
            LOG.debug("dropped {} for {}: not connected", message, node);
            return false;
        }
        try {
            return connection.send(message, payload);
        } catch (EtfException e) {
            LOG.warn("dropped a message for {}: it has no Erlang form: {}", node, e.getMessage());
            return false;
        }
    }

    /**
     * Sends control messages to {@code node} together, in order, in one socket write when small
     * (see {@link DistConnection#sendAll}), connecting first if {@code connect}.
     *
     * @return false if there is no connection or they were dropped (all of them)
     */
    public boolean controlAll(String node, List<DistConnection.Outgoing> messages, boolean connect) {
        DistConnection connection = connection(node, connect);
        if (connection == null) {
            LOG.debug("dropped {} for {}: not connected", messages, node);
            return false;
        }
        try {
            return connection.sendAll(messages);
        } catch (EtfException e) {
            LOG.warn("dropped messages for {}: one has no Erlang form: {}", node, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean watch(Address target, Address watcher) {
        Watch watch = new Watch(target, watcher);
        Ref ref = refs.next();
        if (refByWatch.putIfAbsent(watch, ref) != null) {
            return true;
        }
        watchByRef.put(ref, watch);
        if (!control(target.node().name(), new ControlMessage.Monitor(watcher, target, ref), null, true)) {
            watchByRef.remove(ref);
            refByWatch.remove(watch);
            return false;
        }
        return true;
    }

    @Override
    public void unwatch(Address target, Address watcher) {
        Ref ref = refByWatch.remove(new Watch(target, watcher));
        if (ref != null) {
            watchByRef.remove(ref);
            control(target.node().name(), new ControlMessage.Demonitor(watcher, target, ref), null, false);
        }
    }

    /**
     * Not used: the node reports a closed local target to a remote watcher only for watches a
     * transport registered through {@link TransportContext#watch}, and this one registers none —
     * Erlang monitors of local mailboxes are the {@link SignalHandler}'s business.
     */
    @Override
    public void notifyClosed(Address target, Address watcher, Object reason) {
    }

    /**
     * Sends a control message to {@code node} if it is connected, without waiting for room on a
     * busy connection (see {@link DistConnection#send(ControlMessage, Object, boolean)}): for
     * signals queued while holding a lock, in a fixed order with it.
     *
     * @return false if there is no connection (the message is dropped)
     */
    public boolean signal(String node, ControlMessage message, Object payload) {
        DistConnection connection = connection(node, false);
        if (connection == null) {
            LOG.debug("dropped {} for {}: not connected", message, node);
            return false;
        }
        try {
            return connection.send(message, payload, false);
        } catch (EtfException e) {
            LOG.warn("dropped a signal for {}: it has no Erlang form: {}", node, e.getMessage());
            return false;
        }
    }

    /** Connects to {@code node} now if not connected; false if it cannot be reached. */
    public boolean connect(String node) {
        return connection(node, true) != null;
    }

    /** Closes the connection to {@code node}, if any (Erlang's {@code disconnect_node/1}). */
    public void disconnect(String node) {
        DistConnection connection = connection(node, false);
        if (connection != null) {
            connection.close("disconnected locally");
        }
    }

    /** The nodes connected now. */
    public Set<String> connectedNodes() {
        return connections.entrySet().stream().filter(e -> live(e.getValue()) != null).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * How many messages were dropped because their connection stayed busy for
     * {@link DistConfig#busyTimeout()} (see {@link BusyPolicy}), over all connections so far.
     */
    public long droppedWhileBusy() {
        return droppedWhileBusy.sum();
    }

    /** The flags {@code node} offered, or empty if not connected. */
    public java.util.OptionalLong peerFlags(String node) {
        DistConnection connection = connection(node, false);
        return connection == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(connection.peerFlags());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            closeQuietly(listener);
        }
        for (CompletableFuture<DistConnection> future : List.copyOf(connections.values())) {
            DistConnection connection = live(future);
            if (connection != null) {
                connection.close("node shutting down");
            }
        }
    }

    // ---- connections --------------------------------------------------------------------------

    private static DistConnection live(CompletableFuture<DistConnection> future) {
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return null;
        }
        DistConnection connection = future.getNow(null);
        return connection == null || connection.isClosed() ? null : connection;
    }

    /** The live connection to {@code node}; connects (blocking) when {@code connect}. */
    DistConnection connection(String node, boolean connect) {
        if (closed || node.equals(self.name())) {
            return null;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            CompletableFuture<DistConnection> future = connections.get(node);
            if (future == null) {
                if (!connect) {
                    return null;
                }
                CompletableFuture<DistConnection> mine = new CompletableFuture<>();
                if (connections.putIfAbsent(node, mine) != null) {
                    continue;
                }
                dial(node, mine);
                future = mine;
            } else if (!future.isDone() && !connect) {
                return null;
            }
            try {
                DistConnection connection = future.get(
                        config.handshakeTimeout().plus(config.connectTimeout()).toMillis() * 2, TimeUnit.MILLISECONDS);
                if (!connection.isClosed()) {
                    return connection;
                }
                connections.remove(node, future);
            } catch (ExecutionException | TimeoutException e) {
                connections.remove(node, future);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void dial(String node, CompletableFuture<DistConnection> mine) {
        Socket socket = null;
        Cancellable timer = null;
        try {
            int at = node.indexOf('@');
            if (at <= 0) {
                throw new IOException("not a node name: " + node);
            }
            InetAddress host = InetAddress.getByName(node.substring(at + 1));
            NodeInfo info = new EpmdClient(epmd.withAddress(host)).portPlease(node.substring(0, at))
                    .orElseThrow(() -> new IOException(node + " is not registered with EPMD on " + host));
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, info.port()), (int) config.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
            Socket opened = socket;
            timer = context.clock().schedule(config.handshakeTimeout(), () -> closeQuietly(opened));
            SocketInput in = new SocketInput(socket.getInputStream());
            Handshake.Result result = Handshake.initiate(in, socket.getOutputStream(), identity, node, entropy,
                    () -> live(connections.get(node)) != null);
            timer.cancel();
            if (result == null) { // "nok", or "alive" after its connection to us got in: wait for / keep that one
                closeQuietly(socket);
                context.clock().schedule(config.handshakeTimeout(), () -> {
                    if (mine.completeExceptionally(new IOException("simultaneous connect to " + node + " timed out"))) {
                        connections.remove(node, mine);
                    }
                });
                return;
            }
            install(node, open(socket, in, result));
        } catch (IOException | RuntimeException e) {
            if (timer != null) {
                timer.cancel();
            }
            closeQuietly(socket);
            LOG.debug("cannot connect to {}: {}", node, e.toString());
            mine.completeExceptionally(e);
            connections.remove(node, mine);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("distribution listener failed: {}", e.toString());
                }
                return;
            }
            context.scheduler().start("dist-accept", () -> acceptOne(socket));
        }
    }

    private void acceptOne(Socket socket) {
        Cancellable timer = context.clock().schedule(config.handshakeTimeout(), () -> closeQuietly(socket));
        try {
            socket.setTcpNoDelay(true);
            SocketInput in = new SocketInput(socket.getInputStream());
            Handshake.Result result = Handshake.accept(in, socket.getOutputStream(), identity, this::admit, entropy);
            timer.cancel();
            install(result.peerName(), open(socket, in, result));
        } catch (IOException | RuntimeException e) {
            timer.cancel();
            LOG.info("refused a distribution connection from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
            closeQuietly(socket);
        }
    }

    /**
     * The status for an incoming connection from {@code peer} (run {@code creation}, -1 unknown):
     * a pending dial of ours is settled by name order; a live connection to the same run means
     * the two sides raced and ours already won ({@code nok}: the peer then waits for it); a live
     * connection to another run is replaced (the peer restarted).
     */
    private String admit(String peer, long creation) {
        if (closed || peer.equals(self.name())) {
            return "not_allowed";
        }
        CompletableFuture<DistConnection> pending = connections.get(peer);
        if (pending == null) {
            return "ok";
        }
        if (pending.isDone()) {
            DistConnection live = live(pending);
            boolean sameRun = live != null && (creation < 0 || live.peer().incarnation() == creation);
            return sameRun ? "nok" : "ok";
        }
        return peer.compareTo(self.name()) > 0 ? "ok_simultaneous" : "nok";
    }

    private DistConnection open(Socket socket, SocketInput in, Handshake.Result result) throws IOException {
        NodeId peer = new NodeId(result.peerName(), result.peerCreation());
        return new DistConnection(socket, in, peer, result.peerFlags(), config, codec, context.clock(),
                context.scheduler(), readers, handler, droppedWhileBusy);
    }

    private void install(String node, DistConnection connection) {
        DistConnection[] replaced = new DistConnection[1];
        connections.compute(node, (name, future) -> {
            if (future != null && !future.isDone()) {
                future.complete(connection);
                return future;
            }
            replaced[0] = live(future);
            return CompletableFuture.completedFuture(connection);
        });
        if (replaced[0] != null) {
            replaced[0].close("replaced by a new connection from " + node);
        }
        LOG.info("connected to {}", connection.peer());
        LOG.debug("{} offers flags {}", connection.peer(), DistFlags.describe(connection.peerFlags()));
        connection.start();
        context.nodeUp(connection.peer());
        if (closed) {
            connection.close("node shutting down");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing more to do
            }
        }
    }

    // ---- incoming -----------------------------------------------------------------------------

    private final class Handler implements DistConnection.Handler {
        @Override
        public void received(DistConnection connection, PacketDecoder.Decoded decoded) {
            Object payload = decoded.payload();
            SignalHandler s = signals;
            switch (decoded.message()) {
                case ControlMessage.Send m -> {
                    if (m.to() instanceof Address to) {
                        context.deliver(to, payload, connection.wakes());
                    }
                }
                case ControlMessage.RegSend m ->
                        context.node().names().lookup(m.toName().name())
                                .ifPresent(to -> context.deliver(to, payload, connection.wakes()));
                case ControlMessage.AliasSend m -> s.aliasSend(m.from(), m.alias(), payload);
                case ControlMessage.Link m -> {
                    if (m.from() instanceof Address from && m.to() instanceof Address to) {
                        s.link(from, to);
                    }
                }
                case ControlMessage.Unlink m -> {
                    if (m.from() instanceof Address from && m.to() instanceof Address to) {
                        s.unlink(m.id(), from, to);
                    }
                }
                case ControlMessage.UnlinkAck m -> {
                    if (m.from() instanceof Address from && m.to() instanceof Address to) {
                        s.unlinkAck(m.id(), from, to);
                    }
                }
                case ControlMessage.Exit m -> {
                    if (m.from() instanceof Address from && m.to() instanceof Address to) {
                        s.exit(from, to, m.reason(), m.link());
                    }
                }
                case ControlMessage.Monitor m -> {
                    if (m.from() instanceof Address from) {
                        s.monitor(from, m.target(), m.ref());
                    }
                }
                case ControlMessage.Demonitor m -> {
                    if (m.from() instanceof Address from) {
                        s.demonitor(from, m.target(), m.ref());
                    }
                }
                case ControlMessage.MonitorExit m -> {
                    Watch watch = watchByRef.remove(m.ref());
                    if (watch != null) {
                        refByWatch.remove(watch);
                        context.closed(watch.target(), watch.watcher(), ExitReasons.fromTerm(m.reason()));
                    } else if (m.watcher() instanceof Address watcher) {
                        s.monitorExit(m.target(), watcher, m.ref(), m.reason());
                    }
                }
                case ControlMessage.Ignored m -> LOG.debug("ignored control operation {} from {}", m.op(), connection.peer());
            }
        }

        @Override
        public void closed(DistConnection connection, String reason) {
            String node = connection.peer().name();
            connections.computeIfPresent(node, (name, future) ->
                    future.isDone() && !future.isCompletedExceptionally() && future.getNow(null) == connection ? null : future);
            watchByRef.entrySet().removeIf(e -> {
                if (e.getValue().target().node().name().equals(node)) {
                    refByWatch.remove(e.getValue());
                    return true;
                }
                return false;
            });
            LOG.info("lost {}: {}", connection.peer(), reason);
            context.nodeDown(connection.peer(), reason);
            signals.nodeDown(connection.peer());
        }
    }
}
