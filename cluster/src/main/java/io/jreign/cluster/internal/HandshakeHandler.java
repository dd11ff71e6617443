package io.jreign.cluster.internal;

import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Cancellable;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a new connection, then hands it to its {@link PeerLink} and steps aside for a
 * {@link ConnectionHandler}. Checks, in order, each failure refused with a logged reason naming the
 * remote address and the check:
 * <ol>
 *   <li>TLS 1.3 handshake with the cluster CA as the only trust anchor, both certificates required
 *       (the TLS engine checks chain, validity dates and key usage);</li>
 *   <li>the peer certificate's node identity ({@link NodeIdentity}: CN equal to the single
 *       {@code jreign://node/NAME} URI SAN, extended key usage serverAuth and clientAuth) is a
 *       member of the spec, and, when dialling, is the node dialled;</li>
 *   <li>the peer's {@link Frame.Hello}: protocol version, cluster name, node name equal to the
 *       certificate identity and not our own, a valid incarnation, the same serializer id;</li>
 *   <li>the acceptor settles crossing dials ({@link PeerLink#offerInbound}); the dialler adopts on
 *       the acceptor's Hello;</li>
 *   <li>all of it within {@code timeouts.connectTimeout}, on the clock seam: counted from the
 *       accept here; a dial's deadline ({@link PeerLink#dial}) counts from the dial's start.</li>
 * </ol>
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

    /** Fired into a dialled connection's pipeline when the dial's deadline ({@link PeerLink#dial}) passes. */
    static final Object DEADLINE = new Object() {
        @Override
        public String toString() {
            return "the dial's deadline";
        }
    };

    private final ClusterTransport transport;
    /** The link we dialled for, or null when accepting. */
    private final PeerLink dialled;
    private String identity;
    private boolean done;
    private Cancellable deadline;

    HandshakeHandler(ClusterTransport transport, PeerLink dialled) {
        this.transport = transport;
        this.dialled = dialled;
    }

    private String direction(Channel channel) {
        return dialled != null
                ? "dial to " + dialled.member().name() + " at " + Addresses.show(channel.remoteAddress())
                : "connection from " + Addresses.show(channel.remoteAddress());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (dialled != null) {
            ctx.fireChannelActive(); // the dial's own deadline covers it
            return;
        }
        Channel channel = ctx.channel();
        deadline = transport.schedule(transport.timeouts().connectTimeout(), () -> {
            if (!channel.eventLoop().isShuttingDown()) {
                channel.eventLoop().execute(() -> {
                    if (!done) {
                        refuse(ctx, "handshake not finished within " + transport.timeouts().connectTimeout().toMillis()
                                + " ms (timeouts.connectTimeout)", null);
                    }
                });
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == DEADLINE) {
            if (!done) {
                dialDeadlinePassed(ctx);
            }
            return;
        }
        if (!(event instanceof SslHandshakeCompletionEvent completion)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (done) {
            return;
        }
        if (!completion.isSuccess()) {
            refuse(ctx, "TLS handshake failed: " + describe(completion.cause()), null);
            return;
        }
        String found;
        try {
            found = NodeIdentity.of(peerCertificate(ctx));
        } catch (NodeIdentity.Invalid | SSLPeerUnverifiedException e) {
            refuse(ctx, "certificate check failed: " + e.getMessage(), null);
            return;
        }
        if (!transport.spec().isMember(found)) {
            String problem = "certificate identity \"" + found + "\" is not a member of cluster " + transport.spec().cluster();
            refuse(ctx, problem, dialled == null ? problem : null); // a CA-certified node: told why
            return;
        }
        if (dialled != null && !found.equals(dialled.member().name())) {
            refuse(ctx, "dialled node " + dialled.member().name() + " but its certificate is for node \"" + found + '"', null);
            return;
        }
        identity = found;
        if (dialled != null) {
            ctx.writeAndFlush(transport.hello());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (done) {
            return;
        }
        if (identity == null) {
            refuse(ctx, "protocol: a frame before the TLS handshake finished", null);
            return;
        }
        if (dialled != null && message instanceof Frame.Reject reject) {
            finish();
            if (reject.reason().startsWith(PeerLink.SETTLED)) {
                LOG.debug("{}: {} refused by the peer: {}", transport.self(), direction(ctx.channel()), reject.reason());
            } else {
                LOG.info("{}: {} refused by the peer: {}", transport.self(), direction(ctx.channel()), reject.reason());
            }
            dialled.dialFailed(ctx.channel(), "refused by the peer: " + reject.reason()); // redials later
            ctx.close();
            return;
        }
        if (!(message instanceof Frame.Hello hello)) {
            refuse(ctx, "protocol: expected a Hello frame, got " + message.getClass().getSimpleName(), null);
            return;
        }
        String problem = check(hello);
        if (problem != null) {
            refuse(ctx, problem, dialled == null ? problem : null);
            return;
        }
        NodeId remote = new NodeId(hello.node(), hello.incarnation());
        Channel channel = ctx.channel();
        if (dialled != null) {
            finish();
            ctx.pipeline().replace(this, "connection", new ConnectionHandler(transport, dialled, remote));
            if (!dialled.dialSucceeded(channel, remote)) {
                channel.close();
            }
            return;
        }
        PeerLink link = transport.link(remote.name());
        if (link == null) {
            String removed = "node " + remote.name() + " is not a member of cluster " + transport.spec().cluster();
            refuse(ctx, removed, removed); // removed during the handshake
            return;
        }
        finish();
        ctx.pipeline().replace(this, "connection", new ConnectionHandler(transport, link, remote));
        String refusal = link.offerInbound(channel, remote);
        if (refusal != null) {
            LOG.debug("{}: {} not adopted: {}", transport.self(), direction(channel), refusal);
            channel.writeAndFlush(new Frame.Reject(refusal)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // Written before any drain: a drain is a later task on this same event loop.
        channel.writeAndFlush(transport.hello());
    }

    private String check(Frame.Hello hello) {
        if (hello.version() != Frame.VERSION) {
            return "protocol version " + hello.version() + ", this node speaks " + Frame.VERSION;
        }
        if (!hello.cluster().equals(transport.spec().cluster())) {
            return "peer is in cluster \"" + hello.cluster() + "\", this node in \"" + transport.spec().cluster() + '"';
        }
        if (!hello.node().equals(identity)) {
            return "peer claims to be node \"" + hello.node() + "\" but its certificate is for node \"" + identity + '"';
        }
        if (hello.node().equals(transport.self().name())) {
            return "peer claims this node's own name \"" + hello.node() + '"';
        }
        if (hello.incarnation() < 1 || hello.incarnation() > NodeId.MAX_INCARNATION) {
            return "peer sent incarnation " + hello.incarnation();
        }
        if (!hello.serializer().equals(transport.serializer().id())) {
            return "peer's serializer is \"" + hello.serializer() + "\", this node's \"" + transport.serializer().id()
                    + "\" (registrations must be the same, in the same order)";
        }
        return null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!done) {
            refuse(ctx, describe(cause), null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!done) {
            finish();
            if (dialled != null) {
                dialled.dialFailed(ctx.channel(), "connection closed during the handshake");
            }
        }
        ctx.fireChannelInactive();
    }

    private void dialDeadlinePassed(ChannelHandlerContext ctx) {
        long millis = transport.timeouts().connectTimeout().toMillis();
        if (ctx.channel().isActive()) {
            refuse(ctx, "handshake not finished within " + millis + " ms (timeouts.connectTimeout)", null);
        } else { // not even connected: an unreachable peer, as any failed connect
            finish();
            dialled.dialFailed(ctx.channel(), "no connection within " + millis + " ms (timeouts.connectTimeout)");
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason, String tellPeer) {
        if (done) {
            return;
        }
        finish();
        transport.counters().refused.increment();
        transport.refusals().warn("{}: refused {}: {}", transport.self(), direction(ctx.channel()), reason);
        if (tellPeer != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(new Frame.Reject(tellPeer)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
        if (dialled != null) {
            dialled.dialFailed(ctx.channel(), reason);
        }
    }

    private void finish() {
        done = true;
        if (deadline != null) {
            deadline.cancel();
        }
    }

    private static X509Certificate peerCertificate(ChannelHandlerContext ctx) throws SSLPeerUnverifiedException {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            throw new SSLPeerUnverifiedException("no X.509 peer certificate");
        }
        return certificate;
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        StringBuilder text = new StringBuilder(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            text.append(" <- ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
        }
        return text.toString();
    }
}
