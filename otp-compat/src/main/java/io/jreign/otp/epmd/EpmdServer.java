package io.jreign.otp.epmd;

import io.jreign.mailbox.spi.Entropy;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EPMD inside the JVM, for a node that finds none running: answers {@code ALIVE2_REQ},
 * {@code PORT_PLEASE2_REQ} and {@code NAMES_REQ} like the real {@code epmd} (see
 * {@link EpmdProtocol} for the bytes), so erl nodes and {@code net_adm:names()} can use it.
 *
 * <ul>
 *   <li>A registration lasts as long as the connection that made it; it is removed when that
 *       connection closes.</li>
 *   <li>Registrations are accepted only from loopback peers, as {@code epmd} does.</li>
 *   <li>Bounded: at most {@link EpmdConfig#maxRegistrations()} nodes and
 *       {@link EpmdConfig#maxConnections()} connections; requests longer than
 *       {@link EpmdConfig#maxRequestSize()} or slower than {@link EpmdConfig#timeout()} close their
 *       connection.</li>
 *   <li>Each connection is served on its own virtual thread with blocking I/O.</li>
 * </ul>
 * Creations are 32-bit, never 0, and follow one another from a random start, so a node that
 * re-registers gets a new one.
 */
public final class EpmdServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpmdServer.class);

    private final EpmdConfig config;
    private final ServerSocket listener;
    private final Map<String, Registered> nodes = new LinkedHashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    // a random first creation (1..2^32-2), drawn through the entropy seam: the server runs before any node
    private final AtomicLong nextCreation = new AtomicLong(1 + Entropy.secure().nextLong(0xFFFF_FFFEL));
    private final Thread acceptor;
    private volatile boolean closed;

    private record Registered(NodeInfo node, Socket connection, long creation) {
    }

    private EpmdServer(EpmdConfig config, ServerSocket listener) {
        this.config = config;
        this.listener = listener;
        this.acceptor = Thread.ofVirtual().name("epmd-accept-" + listener.getLocalPort()).unstarted(this::acceptLoop);
    }

    /**
     * Starts a server on {@code config}'s address and port (port 0: a free one, see {@link #port()}).
     *
     * @throws IOException if the port cannot be bound (e.g. an EPMD already runs there)
     */
    public static EpmdServer start(EpmdConfig config) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(config.address(), config.port()), 128);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        EpmdServer server = new EpmdServer(config, listener);
        server.acceptor.start();
        LOG.info("embedded EPMD listening on {}:{}", config.address().getHostAddress(), server.port());
        return server;
    }

    /**
     * Starts a server unless an EPMD already answers on {@code config}'s port.
     *
     * @return the new server, or empty when another EPMD runs there
     * @throws IOException if the port is taken by something that is not an EPMD
     */
    public static Optional<EpmdServer> startIfAbsent(EpmdConfig config) throws IOException {
        if (config.port() != 0 && new EpmdClient(config).isRunning()) {
            return Optional.empty();
        }
        try {
            return Optional.of(start(config));
        } catch (BindException e) {
            if (new EpmdClient(config).isRunning()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The config the server was started with (its port may be 0; see {@link #port()}). */
    public EpmdConfig config() {
        return config;
    }

    /** A snapshot of the registered nodes, in registration order. */
    public List<NodeInfo> registrations() {
        synchronized (nodes) {
            return nodes.values().stream().map(Registered::node).toList();
        }
    }

    /** The registered node called {@code name}, if any. */
    public Optional<NodeInfo> lookup(String name) {
        synchronized (nodes) {
            return Optional.ofNullable(nodes.get(name)).map(Registered::node);
        }
    }

    /** Stops listening and closes every connection, which ends every registration. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing EPMD listener", e);
        }
        for (Socket socket : List.copyOf(connections)) {
            closeQuietly(socket);
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (nodes) {
            nodes.clear();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("embedded EPMD stops accepting: {}", e.toString());
                }
                return;
            }
            if (connectionCount.incrementAndGet() > config.maxConnections()) {
                connectionCount.decrementAndGet();
                LOG.warn("embedded EPMD refuses a connection from {}: {} connections open",
                        socket.getRemoteSocketAddress(), config.maxConnections());
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread.ofVirtual().name("epmd-conn-" + socket.getPort()).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            if (closed) {
                return;
            }
            socket.setSoTimeout((int) config.timeout().toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedShort();
            if (length == 0 || length > config.maxRequestSize()) {
                LOG.warn("embedded EPMD drops a request of {} bytes from {} (max {})", length,
                        socket.getRemoteSocketAddress(), config.maxRequestSize());
                return;
            }
            byte[] request = new byte[length];
            in.readFully(request);
            OutputStream out = socket.getOutputStream();
            switch (request[0] & 0xFF) {
                case EpmdProtocol.ALIVE2_REQ -> alive(socket, request, out);
                case EpmdProtocol.PORT_PLEASE2_REQ -> portPlease(request, out);
                case EpmdProtocol.NAMES_REQ -> out.write(EpmdProtocol.namesResponse(port(), names()));
                default -> LOG.debug("embedded EPMD ignores request {} from {}", request[0] & 0xFF,
                        socket.getRemoteSocketAddress());
            }
        } catch (SocketTimeoutException e) {
            LOG.debug("embedded EPMD: request from {} timed out", socket.getRemoteSocketAddress());
        } catch (IOException e) {
            LOG.debug("embedded EPMD connection from {}: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            connections.remove(socket);
            connectionCount.decrementAndGet();
        }
    }

    private void alive(Socket socket, byte[] request, OutputStream out) throws IOException {
        NodeInfo node;
        try {
            node = EpmdProtocol.nodeFields(ByteBuffer.wrap(request, 1, request.length - 1));
        } catch (EpmdException e) {
            LOG.warn("embedded EPMD: bad ALIVE2_REQ from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
            return;
        }
        boolean extended = node.highestVersion() >= NodeInfo.DIST_VERSION_HIGH;
        if (!socket.getInetAddress().isLoopbackAddress()) {
            LOG.warn("embedded EPMD refuses to register {} from non-loopback {}", node.name(),
                    socket.getRemoteSocketAddress());
            out.write(aliveResponse(extended, 1, 0));
            return;
        }
        Registered registered;
        synchronized (nodes) {
            if (nodes.containsKey(node.name()) || nodes.size() >= config.maxRegistrations() || closed) {
                registered = null;
            } else {
                long creation = extended ? nextCreation() : nextCreation() % 3 + 1;
                registered = new Registered(node, socket, creation);
                nodes.put(node.name(), registered);
            }
        }
        if (registered == null) {
            LOG.info("embedded EPMD refuses to register {}: name taken or {} nodes registered", node.name(),
                    config.maxRegistrations());
            out.write(aliveResponse(extended, 1, 0));
            return;
        }
        try {
            out.write(aliveResponse(extended, 0, registered.creation()));
            LOG.debug("embedded EPMD registered {}", node);
            socket.setSoTimeout(0);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[64];
            while (in.read(sink) >= 0) {
                // A registered node sends nothing more; the connection only marks it alive.
            }
        } finally {
            synchronized (nodes) {
                nodes.remove(node.name(), registered);
            }
            LOG.debug("embedded EPMD unregistered {}", node.name());
        }
    }

    private long nextCreation() {
        long creation;
        do {
            creation = nextCreation.getAndIncrement() & 0xFFFF_FFFFL;
        } while (creation == 0);
        return creation;
    }

    private static byte[] aliveResponse(boolean extended, int result, long creation) {
        if (extended) {
            return ByteBuffer.allocate(6).put((byte) EpmdProtocol.ALIVE2_X_RESP).put((byte) result)
                    .putInt((int) creation).array();
        }
        return ByteBuffer.allocate(4).put((byte) EpmdProtocol.ALIVE2_RESP).put((byte) result)
                .putShort((short) creation).array();
    }

    private void portPlease(byte[] request, OutputStream out) throws IOException {
        String name = new String(request, 1, request.length - 1, StandardCharsets.UTF_8);
        Optional<NodeInfo> node = lookup(name);
        out.write(node.map(EpmdProtocol::portResponse).orElse(new byte[] {(byte) EpmdProtocol.PORT2_RESP, 1}));
    }

    private Map<String, Integer> names() {
        Map<String, Integer> names = new LinkedHashMap<>();
        synchronized (nodes) {
            nodes.forEach((name, registered) -> names.put(name, registered.node().port()));
        }
        return names;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing EPMD connection", e);
        }
    }

    @Override
    public String toString() {
        return "EpmdServer[port " + port() + ", " + registrations().size() + " nodes]";
    }

    List<Socket> openConnections() {
        return new ArrayList<>(connections);
    }
}
