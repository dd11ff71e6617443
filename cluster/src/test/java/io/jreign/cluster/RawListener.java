package io.jreign.cluster;

import io.jreign.cluster.internal.FrameDecoder;
import io.jreign.cluster.internal.FrameEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-driven TLS listener for tests: stands where a member should be and presents whatever
 * certificate it is given (TLS 1.3, any client certificate welcome), to test what a dialling node
 * checks. Counts the connections it accepts and answers nothing.
 */
final class RawListener implements AutoCloseable {
    final Channel server;
    final AtomicInteger accepted;

    private RawListener(Channel server, AtomicInteger accepted) {
        this.server = server;
        this.accepted = accepted;
    }

    static RawListener listen(int port, TestPki.Issued issued) throws Exception {
        SslContext tls = SslContextBuilder.forServer(issued.key(), issued.certificate())
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3")
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .clientAuth(ClientAuth.OPTIONAL)
                .build();
        AtomicInteger accepted = new AtomicInteger();
        Channel server = new ServerBootstrap().group(RawPeer.GROUP).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accepted.incrementAndGet();
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        channel.pipeline().addLast(new FrameDecoder(16 << 20));
                        channel.pipeline().addLast(FrameEncoder.INSTANCE);
                        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return new RawListener(server, accepted);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
