package io.jreign.bench.echo;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Netty TLS 1.3 client with the cluster's TLS implementation on an NIO event loop, as a cluster
 * node's connection: the calling thread hands the message to the event loop and waits for the
 * loop to see all of it come back (the same hand-off a jreign send and receive make).
 */
final class NettyEchoClient implements EchoClient {
    private static final long TIMEOUT_SECONDS = 30;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final byte[] message = new byte[SIZE];
    private final Counter counter = new Counter();
    private final Channel channel;

    NettyEchoClient(Path certificate, Path key, Path ca, int port) throws Exception {
        try {
            SslContext tls = SslContextBuilder.forClient()
                    .sslProvider(TlsProvider.clusterDefault())
                    .protocols("TLSv1.3")
                    .keyManager(certificate.toFile(), key.toFile())
                    .trustManager(ca.toFile())
                    .endpointIdentificationAlgorithm(null)
                    .build();
            channel = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()), counter);
                        }
                    })
                    .connect(InetAddress.getLoopbackAddress(), port).sync().channel();
            channel.pipeline().get(SslHandler.class).handshakeFuture().sync();
        } catch (Exception e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    @Override
    public int roundTrip() {
        CompletableFuture<Integer> back = counter.expect(SIZE);
        channel.writeAndFlush(Unpooled.wrappedBuffer(message));
        try {
            return back.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no echo within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Counts bytes coming back and completes the waiting round trip when all of it did. */
    private static final class Counter extends ChannelInboundHandlerAdapter {
        private volatile CompletableFuture<Integer> waiting;
        private int expected;
        private int received;

        CompletableFuture<Integer> expect(int bytes) {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            waiting = future; // published before the write, which the event loop sees after
            expected = bytes;
            received = 0;
            return future;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            try {
                received += bytes.readableBytes();
                if (received >= expected) {
                    waiting.complete(received);
                }
            } finally {
                bytes.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            CompletableFuture<Integer> future = waiting;
            if (future != null) {
                future.completeExceptionally(cause);
            }
            context.close();
        }
    }
}
