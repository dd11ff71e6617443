package io.jreign.otp.dist;

import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.DeferredWakes;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.otp.etf.EtfCodec;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
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
 *  sender --encode--> writes the socket itself      when nothing is queued and nobody writes
 *         --encode--> {@link SendQueue} --writer thread--> socket   otherwise
 *                     (one write at a time, the queue's turn: order is the order of the turns)
 *  socket --reader thread--> {@link PacketDecoder} --> {@link Handler#received}    in arrival order
 *  clock tick every tickTime/4: write a tick if nothing was written; close after 4 silent quarters
 * </pre>
 * Senders encode on their own thread. A small message (up to {@link #DIRECT_WRITE_MAX} bytes)
 * whose sender finds the queue empty and no write in progress is written by the sender itself,
 * saving the hand-off to the writer thread on every lone message, such as a call and its reply;
 * everything else is queued for the writer thread, and so is every message while writes come in a
 * burst ({@link WriteRhythm}), so that a backlog leaves in one system call, not one per message.
 * Either way there is one write at a time, and everything queued before a direct write has been
 * written, so every sender-receiver pair keeps its order. While {@link DistConfig#busyLimit()} bytes wait to be written the connection is busy
 * (Erlang's busy dist port): a sender waits for room at most {@link DistConfig#busyTimeout()} on
 * the node's clock, then its message is dropped and counted, and with {@link BusyPolicy#DISCONNECT}
 * the connection closes. A direct write the peer does not take within the busy timeout (it stopped
 * reading and the socket's buffer is full) ends the same way: a clock timer checks every half busy
 * timeout, counts the message dropped, and closes the connection. A partly written message cannot
 * be taken back, so only {@link BusyPolicy#DISCONNECT} with a non-zero timeout writes directly;
 * with {@link BusyPolicy#DROP} every message goes through the queue and can be dropped whole.
 * Signals the reader thread sends in reply (an UNLINK_ID_ACK, a noproc for a monitor) and ticks
 * never wait and are always queued: a reader blocked on its own output could deadlock two nodes
 * that both stop reading; they are queued up to twice the limit, beyond which the peer counts as
 * not reading and the connection closes. A fragmented message's packets are queued together. The
 * reader is a platform thread while the node has fewer than
 * {@link ReaderThreads#DEFAULT_PLATFORM_LIMIT} connections (see {@link ReaderThreads} for why), a
 * virtual thread beyond; the writer is a virtual thread started through the node's
 * {@link Scheduler}; the tick timer runs on its {@link Clock}. Any protocol error closes the
 * connection with a logged reason, once.
 */
public final class DistConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DistConnection.class);
    private static final List<byte[]> TICK = List.of(new byte[0]);
    /** Bound while the reader thread handles a message: its sends must not wait. */
    private static final ScopedValue<DistConnection> READER = ScopedValue.newInstance();
    /** The largest message (all its packets) a sender writes itself; larger ones go through the queue. */
    static final int DIRECT_WRITE_MAX = 64 << 10;

    /** A control message and its payload (null: none, or an exit's reason), for {@link #sendAll}. */
    public record Outgoing(ControlMessage message, Object payload) {}

    /** What the connection reports. */
    public interface Handler {
        /** A message arrived; called on the reader thread, in order. */
        void received(DistConnection connection, PacketDecoder.Decoded message) throws DistProtocolException;

        /** The connection closed, with why; called once. */
        void closed(DistConnection connection, String reason);
    }

    private final Socket socket;
    private final SocketInput in;
    /** The reader's: receivers of a run of packets are woken before the reader may block. */
    private final DeferredWakes wakes;
    private final DataOutputStream out;
    private final NodeId peer;
    private final long peerFlags;
    private final DistConfig config;
    private final EtfCodec codec;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ReaderThreads readers;
    private final Handler handler;
    private final PacketDecoder decoder;
    private final SendQueue queue;
    private final LongAdder droppedWhileBusy;
    private final boolean directWrites;
    private final DirectWriteWatch directWrite = new DirectWriteWatch();
    private final WriteRhythm rhythm = new WriteRhythm();
    private volatile Cancellable directWatch;
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

    DistConnection(Socket socket, SocketInput in, NodeId peer, long peerFlags, DistConfig config, EtfCodec codec,
                   Clock clock, Scheduler scheduler, ReaderThreads readers, Handler handler, LongAdder droppedWhileBusy)
            throws IOException {
        this.socket = socket;
        this.in = in;
        in.busyWait(config.readerBusyWait().toNanos(), clock);
        this.wakes = new DeferredWakes(scheduler);
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 << 10));
        this.peer = peer;
        this.peerFlags = peerFlags;
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.scheduler = scheduler;
        this.readers = readers;
        this.handler = handler;
        this.decoder = new PacketDecoder(codec, config.maxMessageSize(), config.maxReassembly());
        this.queue = new SendQueue(config.busyLimit(), clock, scheduler);
        this.droppedWhileBusy = droppedWhileBusy;
        this.directWrites = config.busyPolicy() == BusyPolicy.DISCONNECT && !config.busyTimeout().isZero();
    }

    /** Starts the reader, the writer and the tick timer. */
    void start() {
        readers.start("dist-reader " + peer.name(), this::readLoop);
        scheduler.start("dist-writer " + peer.name(), this::writeLoop);
        tickTimer = clock.schedule(config.tickInterval(), this::tick);
        if (directWrites) {
            directWatch = clock.schedule(directWatchInterval(), this::watchDirectWrites);
        }
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
     * Encodes and sends {@code message} (with its {@code payload}), in the form the peer's flags
     * allow, waiting while the connection is busy (at most {@link DistConfig#busyTimeout()}).
     *
     * @return false if the message was dropped: the connection is closed, the sender was
     *         interrupted, the connection stayed busy (then see {@link BusyPolicy}), or the
     *         sender's own write of it failed
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
        return sendAll(List.of(new Outgoing(message, payload)), mayWait);
    }

    /**
     * As {@link #send(ControlMessage, Object)} for several messages that leave together, in
     * order, in one socket write when they are small (what {@code gen_server:call} sends: the
     * monitor and the request); all are sent or all dropped.
     */
    public boolean sendAll(List<Outgoing> messages) {
        return sendAll(messages, !READER.isBound());
    }

    private boolean sendAll(List<Outgoing> messages, boolean mayWait) {
        if (closed.get()) {
            return false;
        }
        List<byte[]> packets = encode(messages);
        if (mayWait && directWrites && !rhythm.inBurst() && fitsOneWrite(packets) && queue.beginDirect()) {
            return writeDirect(packets);
        }
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
                    busy(messages.getLast().message());
                }
                yield false;
            }
        };
    }

    private List<byte[]> encode(List<Outgoing> messages) {
        int fragmentSize = DistFlags.has(peerFlags, DistFlags.FRAGMENTS) ? config.fragmentSize()
                : DistFlags.has(peerFlags, DistFlags.DIST_HDR_ATOM_CACHE) ? DistPacket.UNFRAGMENTED : 0;
        if (messages.size() == 1) {
            return encode(messages.getFirst(), fragmentSize);
        }
        List<byte[]> packets = new ArrayList<>(messages.size());
        for (Outgoing outgoing : messages) {
            packets.addAll(encode(outgoing, fragmentSize));
        }
        return packets;
    }

    private List<byte[]> encode(Outgoing outgoing, int fragmentSize) {
        ControlMessage adapted = adapt(outgoing.message());
        Object payload = outgoing.payload();
        Object body = adapted.hasPayload() ? (payload != null ? payload : reasonOf(adapted)) : null;
        return DistPacket.encode(codec, adapted, body, sequences.getAndIncrement(), fragmentSize);
    }

    private static boolean fitsOneWrite(List<byte[]> packets) {
        long bytes = 0;
        for (byte[] packet : packets) {
            bytes += packet.length + 4;
        }
        return bytes <= DIRECT_WRITE_MAX;
    }

    /**
     * Writes {@code packets} on the sender's thread. A write the peer does not take within the
     * busy timeout is given up by {@link #watchDirectWrites}: counted, logged, connection closed.
     */
    private boolean writeDirect(List<byte[]> packets) {
        long start = clock.nanoTime();
        directWrite.begin(start);
        boolean written = false;
        try {
            writePackets(packets);
            rhythm.wrote(start, clock.nanoTime());
            written = true;
        } catch (IOException e) {
            if (!closed.get()) {
                close("write to " + peer.name() + " failed: " + e);
            }
        } finally {
            queue.endWrite();
        }
        if (!directWrite.end()) {
            return false; // given up as busy: counted there
        }
        if (written) {
            busyReported = false;
        }
        return written;
    }

    private void watchDirectWrites() {
        if (closed.get()) {
            return;
        }
        if (directWrite.expire(clock.nanoTime(), config.busyTimeout().toNanos())) {
            droppedWhileBusy.increment();
            busy("a message");
            return;
        }
        directWatch = clock.schedule(directWatchInterval(), this::watchDirectWrites);
    }

    private Duration directWatchInterval() {
        Duration half = config.busyTimeout().dividedBy(2);
        return half.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : half;
    }

    private void writePackets(List<byte[]> packets) throws IOException {
        for (byte[] packet : packets) {
            out.writeInt(packet.length);
            out.write(packet);
            packetsOut++;
        }
        out.flush();
    }

    private void busy(ControlMessage message) {
        busy(message.getClass().getSimpleName());
    }

    private void busy(String dropped) {
        if (!busyReported) {
            busyReported = true;
            LOG.warn("distribution connection to {} busy for {}: dropped {} ({} dropped while busy on this node so far){}",
                    peer.name(), config.busyTimeout(), dropped, droppedWhileBusy.sum(),
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

    /**
     * Closes with {@code reason}: queued packets are dropped, the handler is told once, then the
     * socket closes. The handler goes first so that this node has taken in its own node-down
     * (links, monitors, {@code global}'s nodedown) before the peer can learn of the close and
     * react through other nodes, as erl's {@code disconnect_node/1} does.
     */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeReason = reason;
        for (Cancellable timer : new Cancellable[] {tickTimer, directWatch}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        queue.close();
        try {
            handler.closed(this, reason);
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        close("closed locally");
    }

    /**
     * Where the handler defers the wake-ups of what it delivers; it is flushed before the reader
     * may block. For the handler's {@link Handler#received}, on the reader thread only.
     */
    DeferredWakes wakes() {
        return wakes;
    }

    private void readLoop() {
        ScopedValue.where(READER, this).run(this::readPackets);
    }

    private void readPackets() {
        String reason;
        try {
            while (!closed.get()) {
                if (in.buffered() < Integer.BYTES) {
                    wakes.flush(); // the read may block: wake what was delivered first
                }
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
                if (in.buffered() < length) {
                    wakes.flush();
                }
                in.readFully(packet);
                PacketDecoder.Decoded decoded = decoder.decode(packet);
                if (decoded != null && !closed.get()) { // once closed (its node-down published), stop delivering
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
        } finally {
            wakes.flush();
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
                long start = clock.nanoTime();
                writePackets(packets);
                rhythm.wrote(start, clock.nanoTime());
                queue.endWrite();
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
