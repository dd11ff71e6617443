package io.jreign.cluster.internal;

import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.DeferredWakes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an authenticated connection: passes frames to its {@link PeerLink} (with the
 * connection's {@link RemoteNames}, so that names never cross from one connection to the next), tells
 * it once per read that the peer was heard (for the heartbeat timeout), wakes the receivers of a
 * read's messages together at its end ({@link DeferredWakes}), resumes draining when the
 * connection becomes writable again, and turns any failure (a malformed frame, an
 * undecodable payload, a closed socket) into the loss of the connection, logged with its reason.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final ClusterTransport transport;
    private final PeerLink link;
    private final RemoteNames theirNames;
    private final LastTarget lastTarget;
    private final DeferredWakes wakes;

    /** For the connection with {@code peer}, a run of {@code link}'s member. */
    ConnectionHandler(ClusterTransport transport, PeerLink link, NodeId peer) {
        this.transport = transport;
        this.link = link;
        this.theirNames = new RemoteNames(transport.context(), peer, transport.limits().maxNamesPerNode());
        this.lastTarget = new LastTarget(transport);
        this.wakes = new DeferredWakes(transport.scheduler());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            // Receivers are woken at the end of the read (channelReadComplete), not per frame.
            link.received(ctx.channel(), (Frame) message, theirNames, lastTarget, wakes);
        } catch (RuntimeException e) {
            protocolError(ctx, "bad frame from " + link.member().name() + ": " + HandshakeHandler.describe(e));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        wakes.flush();
        link.heard(ctx.channel());
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            link.scheduleDrain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        wakes.flush();
        if (cause instanceof java.io.IOException) {
            LOG.info("{}: connection with {} ({}) failed: {}", transport.self(), link.member().name(),
                    Addresses.show(ctx.channel().remoteAddress()), HandshakeHandler.describe(cause));
            link.lose(ctx.channel(), HandshakeHandler.describe(cause));
            ctx.close();
        } else {
            protocolError(ctx, HandshakeHandler.describe(cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        wakes.flush();
        link.lose(ctx.channel(), "connection closed");
        ctx.fireChannelInactive();
    }

    /** A malformed frame or payload (also one found when the connection was already closing). */
    private void protocolError(ChannelHandlerContext ctx, String reason) {
        transport.counters().protocolErrors.increment();
        LOG.warn("{}: closing connection with {} ({}): {}", transport.self(), link.member().name(),
                Addresses.show(ctx.channel().remoteAddress()), reason);
        link.lose(ctx.channel(), reason);
        ctx.close();
    }
}
