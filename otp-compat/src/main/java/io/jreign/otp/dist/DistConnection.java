package io.jreign.otp.dist;

import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.otp.etf.EtfCodec;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated distribution channel to one peer, after the handshake.
 *
 * <pre>
 *  packet = Length:4 (big-endian) | Body        Length 0: a tick, Body as in {@link DistPacket}
 *
 *  senders --encode--> {@link SendQueue} --writer thread--> socket   order: one queue, one writer
 *  socket --reader thread--> {@link PacketDecoder} --> {@link Handler#received}    in arrival order
 *  clock tick every tickTime/4: write a tick if nothing was written; close after 4 silent quarters
 * </pre>
 * Senders encode on their own thread. While {@link DistConfig#busyLimit()} bytes wait to be
 * written the connection is busy (Erlang's busy dist port): a sender waits for room at most
 * {@link DistConfig#busyTimeout()} on the node's clock, then its message is dropped and counted,
 * and with {@link BusyPolicy#DISCONNECT} the connection closes. Signals the reader thread sends in
 * reply (an UNLINK_ID_ACK, a noproc for a monitor) and ticks never wait: a reader blocked on its
 * own output could deadlock two nodes that both stop reading; they are queued up to twice the
 * limit, beyond which the peer counts as not reading and the connection closes. A fragmented
 * message's packets are queued together. The reader and writer are virtual threads started through
 * the node's {@link Scheduler}; the tick timer runs on its {@link Clock}. Any protocol error
 * closes the connection with a logged reason, once.
 */
public final class DistConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DistConnection.class);
    private static final List<byte[]> TICK = List.of(new byte[0]);
    /** Bound while the reader thread handles a message: its sends must not wait. */
    private static final ScopedValue<DistConnection> READER = ScopedValue.newInstance();

    /** What the connection reports. */
    public interface Handler {
        /** A message arrived; called on the reader thread, in order. */
        void received(DistConnection connection, PacketDecoder.Decoded message) throws DistProtocolException;

        /** The connection closed, with why; called once. */
        void closed(DistConnection connection, String reason);
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final NodeId peer;
    private final long peerFlags;
    private final DistConfig config;
    private final EtfCodec codec;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Handler handler;
    private final PacketDecoder decoder;
    private final SendQueue queue;
    private final LongAdder droppedWhileBusy;
    private volatile boolean busyReported;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong sequences = new AtomicLong(1);
    private volatile long packetsIn;
    private volatile long packetsOut;
    private long packetsInAtLastTick;
    private long packetsOutAtLastTick;
    private int silentQuarters;
    private volatile Cancellable tickTimer;
    private volatile String closeReason;

    DistConnection(Socket socket, DataInputStream in, NodeId peer, long peerFlags, DistConfig config, EtfCodec codec,
                   Clock clock, Scheduler scheduler, Handler handler, LongAdder droppedWhileBusy) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 << 10));
        this.peer = peer;
        this.peerFlags = peerFlags;
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.scheduler = scheduler;
        this.handler = handler;
        this.decoder = new PacketDecoder(codec, config.maxMessageSize(), config.maxReassembly());
        this.queue = new SendQueue(config.busyLimit(), clock, scheduler);
        this.droppedWhileBusy = droppedWhileBusy;
    }

    /** Starts the reader, the writer and the tick timer. */
    void start() {
        scheduler.start("dist-reader " + peer.name(), this::readLoop);
        scheduler.start("dist-writer " + peer.name(), this::writeLoop);
        tickTimer = clock.schedule(config.tickInterval(), this::tick);
    }

    /** The peer's identity (name and creation). */
    public NodeId peer() {
        return peer;
    }

    /** The flags the peer offered. */
    public long peerFlags() {
        return peerFlags;
    }

    /** Whether the connection is closed. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Why it closed, or null while open. */
    public String closeReason() {
        return closeReason;
    }

    /**
     * Encodes and queues {@code message} (with its {@code payload}), in the form the peer's flags
     * allow, waiting while the connection is busy (at most {@link DistConfig#busyTimeout()}).
     *
     * @return false if the message was dropped: the connection is closed, the sender was
     *         interrupted, or the connection stayed busy (then see {@link BusyPolicy})
     * @throws io.jreign.otp.etf.EtfException if the message has no Erlang form
     */
    public boolean send(ControlMessage message, Object payload) {
        return send(message, payload, !READER.isBound());
    }

    /**
     * As {@link #send(ControlMessage, Object)}; with {@code mayWait} false the message never
     * waits for room: it is queued up to twice the busy limit, beyond which the connection closes.
     * For signals that must leave in a fixed order with other work (they are queued under a lock).
     */
    public boolean send(ControlMessage message, Object payload, boolean mayWait) {
        if (closed.get()) {
            return false;
        }
        ControlMessage adapted = adapt(message);
        Object body = adapted.hasPayload() ? (payload != null ? payload : reasonOf(adapted)) : null;
        int fragmentSize = DistFlags.has(peerFlags, DistFlags.FRAGMENTS) ? config.fragmentSize() : 0;
        List<byte[]> packets = DistPacket.encode(codec, adapted, body, sequences.getAndIncrement(), fragmentSize);
        SendQueue.Outcome outcome = mayWait ? queue.offer(packets, config.busyTimeout()) : queue.force(packets);
        return switch (outcome) {
            case QUEUED -> {
                busyReported = false;
                yield true;
            }
            case CLOSED -> false;
            case BUSY -> {
                droppedWhileBusy.increment();
                if (!mayWait) {
                    close("output over twice the busy limit: " + peer.name() + " does not read");
                } else {
                    busy(message);
                }
                yield false;
            }
        };
    }

    private void busy(ControlMessage message) {
        if (!busyReported) {
            busyReported = true;
            LOG.warn("distribution connection to {} busy for {}: dropped {} ({} dropped while busy on this node so far){}",
                    peer.name(), config.busyTimeout(), message.getClass().getSimpleName(), droppedWhileBusy.sum(),
                    config.busyPolicy() == BusyPolicy.DISCONNECT ? "; disconnecting" : "");
        }
        if (config.busyPolicy() == BusyPolicy.DISCONNECT) {
            close("busy for " + config.busyTimeout() + ": " + peer.name() + " reads slower than we write");
        }
    }

    /** Bytes waiting to be written now. */
    public long queuedBytes() {
        return queue.queuedBytes();
    }

    private static Object reasonOf(ControlMessage message) {
        return switch (message) {
            case ControlMessage.Exit e -> e.reason();
            case ControlMessage.MonitorExit m -> m.reason();
            default -> null;
        };
    }

    /** The form of {@code message} this peer understands. */
    private ControlMessage adapt(ControlMessage message) {
        boolean payloads = DistFlags.has(peerFlags, DistFlags.EXIT_PAYLOAD);
        return switch (message) {
            case ControlMessage.Send s when s.from() != null && !DistFlags.has(peerFlags, DistFlags.SEND_SENDER) ->
                    new ControlMessage.Send(null, s.to());
            case ControlMessage.Exit e when e.payload() != payloads ->
                    new ControlMessage.Exit(e.from(), e.to(), e.reason(), e.link(), payloads);
            case ControlMessage.MonitorExit m when m.payload() != payloads ->
                    new ControlMessage.MonitorExit(m.target(), m.watcher(), m.ref(), m.reason(), payloads);
            case ControlMessage.Unlink u when u.id() != ControlMessage.Unlink.NO_ID
                    && !DistFlags.has(peerFlags, DistFlags.UNLINK_ID) ->
                    new ControlMessage.Unlink(ControlMessage.Unlink.NO_ID, u.from(), u.to());
            default -> message;
        };
    }

    /** Closes with {@code reason}: the socket closes, queued packets are dropped, the handler is told once. */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeReason = reason;
        Cancellable timer = tickTimer;
        if (timer != null) {
            timer.cancel();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        queue.close();
        handler.closed(this, reason);
    }

    @Override
    public void close() {
        close("closed locally");
    }

    private void readLoop() {
        ScopedValue.where(READER, this).run(this::readPackets);
    }

    private void readPackets() {
        String reason;
        try {
            while (!closed.get()) {
                int length = in.readInt();
                packetsIn++;
                if (length == 0) {
                    continue;
                }
                if (length < 0 || length > config.maxPacketSize()) {
                    throw new DistProtocolException("packet of " + Integer.toUnsignedString(length)
                            + " bytes exceeds maxPacketSize " + config.maxPacketSize());
                }
                byte[] packet = new byte[length];
                in.readFully(packet);
                PacketDecoder.Decoded decoded = decoder.decode(packet);
                if (decoded != null) {
                    handler.received(this, decoded);
                }
            }
            return;
        } catch (EOFException e) {
            reason = "connection closed by " + peer.name();
        } catch (DistProtocolException e) {
            reason = "protocol error from " + peer.name() + ": " + e.getMessage();
            LOG.warn("closing distribution connection: {}", reason);
        } catch (IOException e) {
            reason = closed.get() ? closeReason : "connection to " + peer.name() + " failed: " + e;
        } catch (RuntimeException e) {
            reason = "error handling a message from " + peer.name() + ": " + e;
            LOG.warn("closing distribution connection: {}", reason, e);
        }
        close(reason);
    }

    private void writeLoop() {
        try {
            while (true) {
                List<byte[]> packets = queue.takeAll();
                if (packets.isEmpty()) { // closed, or interrupted
                    if (!closed.get()) {
                        close("writer interrupted");
                    }
                    return;
                }
                for (byte[] packet : packets) {
                    out.writeInt(packet.length);
                    out.write(packet);
                    packetsOut++;
                }
                out.flush();
            }
        } catch (IOException e) {
            close(closed.get() ? closeReason : "write to " + peer.name() + " failed: " + e);
        }
    }

    private void tick() {
        if (closed.get()) {
            return;
        }
        long read = packetsIn;
        long written = packetsOut;
        silentQuarters = read == packetsInAtLastTick ? silentQuarters + 1 : 0;
        packetsInAtLastTick = read;
        if (silentQuarters >= 4) {
            LOG.warn("{} sent nothing for {}: net_tick_timeout", peer.name(), config.tickTime());
            close("net_tick_timeout");
            return;
        }
        if (written == packetsOutAtLastTick) {
            queue.force(TICK);
        }
        packetsOutAtLastTick = packetsOut;
        tickTimer = clock.schedule(config.tickInterval(), this::tick);
    }

    @Override
    public String toString() {
        return "DistConnection[" + peer + (closed.get() ? ", closed: " + closeReason : "") + ']';
    }
}
