package io.jreign.otp.epmd;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's registration with EPMD: the open {@code ALIVE2} connection. Closing it unregisters the
 * node. If EPMD closes the connection first (it stopped), {@link #ended()} completes and
 * {@link #isActive()} turns false; a new registration is then needed.
 */
public final class EpmdRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpmdRegistration.class);

    private final NodeInfo node;
    private final long creation;
    private final Socket socket;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    EpmdRegistration(NodeInfo node, long creation, Socket socket) {
        this.node = node;
        this.creation = creation;
        this.socket = socket;
        Thread.ofVirtual().name("epmd-registration-" + node.name()).start(this::watch);
    }

    /** What was registered. */
    public NodeInfo node() {
        return node;
    }

    /**
     * The creation EPMD assigned: 32 bits from {@code ALIVE2_X_RESP}, or 1..3 from an old EPMD's
     * {@code ALIVE2_RESP}. The node uses it in its pids, references and ports (a jreign node's
     * {@code NodeId.incarnation}).
     */
    public long creation() {
        return creation;
    }

    /** Whether the registration still holds. */
    public boolean isActive() {
        return !ended.isDone();
    }

    /** Completes when the registration ends, by {@link #close()} or because EPMD closed it. */
    public CompletionStage<Void> ended() {
        return ended.minimalCompletionStage();
    }

    /** Unregisters: closes the connection. Idempotent. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing EPMD registration of {}", node.name(), e);
        }
        ended.complete(null);
    }

    private void watch() {
        try (InputStream in = socket.getInputStream()) {
            byte[] sink = new byte[64];
            while (in.read(sink) >= 0) {
                // EPMD sends nothing after ALIVE2_RESP; ignore whatever comes.
            }
            if (!socket.isClosed()) {
                LOG.warn("EPMD closed the registration of {}", node.name());
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                LOG.warn("EPMD registration of {} lost: {}", node.name(), e.toString());
            }
        } finally {
            close();
        }
    }

    @Override
    public String toString() {
        return "EpmdRegistration[" + node.name() + " port " + node.port() + " creation " + creation
                + (isActive() ? "" : " ended") + "]";
    }
}
