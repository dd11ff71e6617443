package io.jreign.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelId;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Ticker;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One end of a simulated TCP connection: a Netty {@link EmbeddedChannel} (no threads; its tasks run
 * when {@link SimStreams#pump} runs them, its scheduled tasks on virtual time) whose outbound bytes
 * the {@link SimStreams} carry to the other end over the {@link SimNetwork}'s link.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Inactive until connected (a dial's SYN-ACK arrived, or it was accepted), as a socket: the
 *       pipeline sees {@code channelActive} then.</li>
 *   <li>Bytes in flight from this end are bounded by {@link #WINDOW}, as TCP's window: past it,
 *       writes stay in Netty's outbound buffer, so the channel turns unwritable and the cluster's
 *       own back-pressure (its bounded queue) takes over. Memory stays bounded.</li>
 *   <li>Only {@link ByteBuf}s leave (the pipeline's last handler encodes); they cross as copies.</li>
 * </ul>
 */
final class SimChannel extends EmbeddedChannel {
    /** Bytes one end may have in flight (sent, not yet read by the other end). */
    static final int WINDOW = 256 * 1024;

    private final SimStreams streams;
    private final SimSockets owner;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final String remoteNode;
    private SimChannel peer;
    private boolean connected;
    private long inFlight;

    SimChannel(SimStreams streams, String id, SimSockets owner, String remoteNode, InetSocketAddress remote) {
        super(EmbeddedChannel.builder().channelId(new Id(id)).register(false).ticker(new VirtualTicker(streams.clock())));
        this.streams = streams;
        this.owner = owner;
        this.local = owner.address();
        this.remoteNode = remoteNode;
        this.remote = remote;
    }

    String node() {
        return owner.node();
    }

    SimSockets owner() {
        return owner;
    }

    String remoteNode() {
        return remoteNode;
    }

    SimChannel peer() {
        return peer;
    }

    /** The connection is made: from now on this end's bytes go to {@code other}. */
    void connect(SimChannel other) {
        peer = other;
        connected = true;
    }

    @Override
    public boolean isActive() {
        return connected && isOpen();
    }

    @Override
    protected SocketAddress localAddress0() {
        return local;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        while (inFlight < WINDOW) {
            Object message = in.current();
            if (message == null) {
                return;
            }
            if (!(message instanceof ByteBuf buffer)) {
                in.remove(new UnsupportedOperationException("only bytes cross a simulated connection, not a "
                        + message.getClass().getName()));
                continue;
            }
            byte[] bytes = ByteBufUtil.getBytes(buffer);
            in.remove();
            if (bytes.length > 0) {
                inFlight += bytes.length;
                streams.send(this, bytes);
            }
        }
    }

    /** The other end read {@code count} of this end's bytes: the window opens again. */
    void acknowledged(int count) {
        inFlight -= count;
        ChannelOutboundBuffer pending = unsafe().outboundBuffer();
        if (isActive() && pending != null && !pending.isEmpty()) {
            unsafe().flush(); // what waited for the window goes now
        }
    }

    /** Bytes from the other end arrive: read through the pipeline, as a socket read. */
    void received(byte[] bytes) {
        pipeline().fireChannelRead(Unpooled.wrappedBuffer(bytes));
        pipeline().fireChannelReadComplete();
    }

    @Override
    protected void handleInboundMessage(Object message) {
        ReferenceCountUtil.release(message); // nothing reaches the tail of the cluster's pipeline; keep no copy if it does
    }

    @Override
    protected void handleOutboundMessage(Object message) {
        ReferenceCountUtil.release(message);
    }

    /** A channel id that is the same in every run of a seed (Netty's own are random). */
    private record Id(String text) implements ChannelId {
        @Override
        public String asShortText() {
            return text;
        }

        @Override
        public String asLongText() {
            return text;
        }

        @Override
        public int compareTo(ChannelId other) {
            return text.compareTo(other.asLongText());
        }
    }

    /** Netty's scheduled tasks on this channel follow virtual time. */
    private record VirtualTicker(VirtualClock clock) implements Ticker {
        @Override
        public long initialNanoTime() {
            return 0;
        }

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }

        @Override
        public void sleep(long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("nothing sleeps in a simulation");
        }
    }
}
