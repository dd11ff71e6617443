package io.jreign.otp.epmd;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Talks to an EPMD — the real {@code epmd} or an {@link EpmdServer} — at the address and port of
 * an {@link EpmdConfig}. Each call opens its own connection (a registration keeps its open); see
 * {@link EpmdProtocol} for the bytes. Thread-safe; calls block, which is what a virtual thread is
 * for.
 */
public final class EpmdClient {
    private final EpmdConfig config;

    /** A client of the EPMD at {@code config}'s address and port. */
    public EpmdClient(EpmdConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A client of the local EPMD, at {@code ERL_EPMD_PORT} or 4369. */
    public static EpmdClient local() {
        return new EpmdClient(EpmdConfig.defaults());
    }

    /** Where this client connects. */
    public EpmdConfig config() {
        return config;
    }

    /**
     * Registers {@code node} ({@code ALIVE2_REQ}). The registration lasts until the returned
     * object is closed (or EPMD goes away); keep it for the node's lifetime.
     *
     * @throws EpmdException if EPMD refuses (e.g. the name is taken: result 1) or answers badly
     * @throws IOException   if EPMD cannot be reached
     */
    public EpmdRegistration register(NodeInfo node) throws IOException {
        Socket socket = connect();
        try {
            socket.getOutputStream().write(EpmdProtocol.frame(EpmdProtocol.aliveRequest(node)));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int tag = EpmdProtocol.u8(in);
            int result = EpmdProtocol.u8(in);
            long creation = switch (tag) {
                case EpmdProtocol.ALIVE2_X_RESP -> in.readInt() & 0xFFFF_FFFFL;
                case EpmdProtocol.ALIVE2_RESP -> in.readUnsignedShort();
                default -> throw new EpmdException("unexpected reply to ALIVE2_REQ: tag " + tag);
            };
            if (result != 0) {
                throw new EpmdException("EPMD refused to register " + node.name(), result);
            }
            socket.setSoTimeout(0);
            return new EpmdRegistration(node, creation, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Registers a normal node named {@code name} listening on {@code port}; see
     * {@link #register(NodeInfo)}.
     *
     * @throws IOException as {@link #register(NodeInfo)}
     */
    public EpmdRegistration register(String name, int port) throws IOException {
        return register(NodeInfo.of(name, port));
    }

    /**
     * Looks up a node by short name ({@code PORT_PLEASE2_REQ}).
     *
     * @return the node, or empty if EPMD does not know it
     * @throws IOException if EPMD cannot be reached or answers badly
     */
    public Optional<NodeInfo> portPlease(String name) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[1 + nameBytes.length];
        request[0] = (byte) EpmdProtocol.PORT_PLEASE2_REQ;
        System.arraycopy(nameBytes, 0, request, 1, nameBytes.length);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(EpmdProtocol.frame(request));
            byte[] reply = readAll(socket.getInputStream(), 1 + 1 + 12 + 65535 * 2);
            if (reply.length < 2 || (reply[0] & 0xFF) != EpmdProtocol.PORT2_RESP) {
                throw new EpmdException("unexpected reply to PORT_PLEASE2_REQ ("
                        + reply.length + " bytes" + (reply.length > 0 ? ", tag " + (reply[0] & 0xFF) : "") + ")");
            }
            if (reply[1] != 0) {
                return Optional.empty();
            }
            ByteBuffer fields = ByteBuffer.wrap(reply, 2, reply.length - 2);
            NodeInfo node = EpmdProtocol.nodeFields(fields);
            if (fields.hasRemaining()) {
                throw new EpmdException("PORT2_RESP has " + fields.remaining() + " bytes too many");
            }
            return Optional.of(node);
        }
    }

    /**
     * Lists the registered nodes ({@code NAMES_REQ}).
     *
     * @throws IOException if EPMD cannot be reached or answers badly
     */
    public EpmdNames names() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(EpmdProtocol.frame(new byte[] {(byte) EpmdProtocol.NAMES_REQ}));
            return EpmdProtocol.parseNames(readAll(socket.getInputStream(), 16 << 20));
        }
    }

    /** Whether an EPMD answers {@code NAMES_REQ} at this client's address and port. */
    public boolean isRunning() {
        try {
            names();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            int timeout = (int) config.timeout().toMillis();
            socket.connect(new InetSocketAddress(config.address(), config.port()), timeout);
            socket.setSoTimeout(timeout);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads until EPMD closes the connection, at most {@code limit} bytes. */
    private static byte[] readAll(InputStream in, int limit) throws IOException {
        byte[] all = in.readNBytes(limit + 1);
        if (all.length > limit) {
            throw new EpmdException("EPMD reply longer than " + limit + " bytes");
        }
        return all;
    }
}
