package io.jreign.cluster;

import io.jreign.cluster.internal.Frame;
import io.jreign.cluster.internal.FrameDecoder;
import io.jreign.cluster.internal.FrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven TLS client for tests: presents whatever certificate it is given, then sends
 * frames or raw bytes of the test's choosing, and records what comes back.
 */
final class RawPeer implements AutoCloseable {
    private static final java.util.Map<String, SslContext> CONTEXTS = new java.util.concurrent.ConcurrentHashMap<>();
    static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    final Channel channel;
    final Future<Channel> handshake;
    final LinkedBlockingQueue<Object> inbound;

    private RawPeer(Channel channel, LinkedBlockingQueue<Object> inbound) {
        this.channel = channel;
        this.inbound = inbound;
        this.handshake = channel.pipeline().get(SslHandler.class).handshakeFuture();
    }

    /** Connects with {@code certificate}/{@code key}, trusting any server; TLS 1.3, JDK provider. */
    static RawPeer connect(int port, Path certificate, Path key) throws Exception {
        return connect(port, certificate, key, "TLSv1.3");
    }

    /**
     * Connects presenting {@code issued} whatever CAs the server asks for (a JDK client otherwise
     * sends no certificate at all when its issuer is not among them).
     */
    static RawPeer connectPresenting(int port, TestPki.Issued issued) throws Exception {
        javax.net.ssl.X509ExtendedKeyManager always = new javax.net.ssl.X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return new String[] {"me"};
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return "me";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
                return "me";
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return null;
            }

            @Override
            public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
                return new java.security.cert.X509Certificate[] {issued.certificate()};
            }

            @Override
            public java.security.PrivateKey getPrivateKey(String alias) {
                return issued.key();
            }
        };
        SslContext tls = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3")
                .keyManager(always)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null)
                .build();
        return open(port, tls);
    }

    /** As {@link #connect(int, Path, Path)}, offering only {@code protocol}. */
    static RawPeer connect(int port, Path certificate, Path key, String protocol) throws Exception {
        SslContext tls = CONTEXTS.computeIfAbsent(certificate + "|" + key + "|" + protocol, unused -> {
            try {
                return SslContextBuilder.forClient()
                        .sslProvider(SslProvider.JDK)
                        .protocols(protocol)
                        .keyManager(certificate.toFile(), key.toFile())
                        .trustManager(InsecureTrustManagerFactory.INSTANCE)
                        .endpointIdentificationAlgorithm(null)
                        .build();
            } catch (javax.net.ssl.SSLException e) {
                throw new IllegalStateException(e);
            }
        });
        return open(port, tls);
    }

    private static RawPeer open(int port, SslContext tls) throws Exception {
        LinkedBlockingQueue<Object> sink = new LinkedBlockingQueue<>();
        Channel channel = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), "127.0.0.1", port));
                        ch.pipeline().addLast(new FrameDecoder(16 << 20));
                        ch.pipeline().addLast(FrameEncoder.INSTANCE);
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                sink.add(msg);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                sink.add(cause);
                                ctx.close();
                            }
                        });
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        channel.closeFuture().addListener(unused -> sink.add("closed"));
        return new RawPeer(channel, sink);
    }

    /**
     * Joins {@code node} as member {@code as} (with its real certificate from {@code cluster}'s
     * directory) and run {@code incarnation}: TLS, Hello, the node's Hello, which is returned with
     * the connection. The node settles our dial against its own dial to {@code as}, or against our
     * last connection while that is not gone yet ("settled: ..."): then again, as a real node would.
     */
    static Joined join(TestCluster cluster, ClusterNode node, String as, long incarnation) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            RawPeer peer = RawPeer.connect(node.listenAddress().getPort(), cluster.dir.resolve(as + ".pem"),
                    cluster.dir.resolve(as + ".key"));
            if (!peer.awaitHandshake()) {
                peer.close();
                throw new AssertionError("TLS handshake as " + as + " failed");
            }
            peer.send(new Frame.Hello(Frame.VERSION, node.spec().cluster(), as, incarnation, node.transport().serializerId()));
            Object answer = peer.next(Duration.ofSeconds(10));
            if (answer instanceof Frame.Hello hello) {
                return new Joined(peer, hello);
            }
            peer.awaitClosed(Duration.ofSeconds(10));
            peer.close();
            if (!(answer instanceof Frame.Reject reject) || !reject.reason().startsWith("settled")) {
                throw new AssertionError("not let in as " + as + ": " + answer);
            }
        }
        throw new AssertionError(as + " was never let in");
    }

    /** A connection that got through the handshake, and the node's Hello. */
    record Joined(RawPeer peer, Frame.Hello hello) implements AutoCloseable {
        @Override
        public void close() {
            peer.close();
        }
    }

    /** Waits for the TLS handshake; whether it succeeded on this side. */
    boolean awaitHandshake() {
        return handshake.awaitUninterruptibly(10, TimeUnit.SECONDS) && handshake.isSuccess();
    }

    void send(Frame frame) {
        channel.writeAndFlush(frame).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    void sendRaw(ByteBuf bytes) {
        channel.writeAndFlush(bytes).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** The next frame or event (an exception, or "closed"), or null after {@code timeout}. */
    Object next(Duration timeout) throws InterruptedException {
        return inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the other side closed the connection within {@code timeout}. */
    boolean awaitClosed(Duration timeout) {
        return channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
