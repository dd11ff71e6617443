package io.jreign.bench.echo;

import io.jreign.bench.remote.Lifeline;
import io.jreign.bench.remote.Pki;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import javax.net.ssl.SSLServerSocket;

/**
 * The far end of the raw round-trip baselines, in a JVM of its own:
 * {@code EchoPeerMain CERT KEY CA} listens on loopback with three echo servers and prints
 * {@code READY <netty-tls> <jdk-tls> <tcp> <tls-provider>} (their ports and the Netty TLS
 * implementation), then runs until its standard input ends.
 * <ul>
 *   <li>Netty over TLS 1.3, mutual, with the cluster's default TLS implementation and two NIO
 *       event-loop threads, as a cluster node: the baseline of the cluster's round trip;</li>
 *   <li>JDK {@code SSLServerSocket}, TLS 1.3, mutual, a thread per connection (for reference);</li>
 *   <li>plain TCP, a thread per connection (for reference).</li>
 * </ul>
 * Each writes back whatever it reads.
 */
public final class EchoPeerMain {
    private EchoPeerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EchoPeerMain CERT KEY CA");
            System.exit(2);
        }
        Path certificate = Path.of(args[0]);
        Path key = Path.of(args[1]);
        Path ca = Path.of(args[2]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (ServerSocket jdkTls = jdkTls(certificate, key, ca, loopback); ServerSocket tcp = new ServerSocket(0, 50, loopback)) {
            SslContext tls = SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                    .sslProvider(TlsProvider.clusterDefault())
                    .protocols("TLSv1.3")
                    .trustManager(ca.toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
            Channel netty = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()), new Echo());
                        }
                    })
                    .bind(loopback, 0).sync().channel();
            acceptInBackground(jdkTls);
            acceptInBackground(tcp);
            System.out.println("READY " + ((InetSocketAddress) netty.localAddress()).getPort() + " "
                    + jdkTls.getLocalPort() + " " + tcp.getLocalPort() + " " + TlsProvider.clusterDefault());
            System.out.flush();
            Lifeline.awaitEnd();
            netty.close().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    private static ServerSocket jdkTls(Path certificate, Path key, Path ca, InetAddress loopback) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) Pki.sslContext(certificate, key, ca).getServerSocketFactory()
                .createServerSocket(0, 50, loopback);
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        socket.setNeedClientAuth(true);
        return socket;
    }

    /** Accepts connections until the socket closes, echoing each on a platform thread of its own. */
    private static void acceptInBackground(ServerSocket server) {
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    Thread.ofPlatform().daemon().start(() -> echo(socket));
                } catch (IOException e) {
                    // closed, or one failed accept: go on while the socket is open
                }
            }
        });
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Writes back what it reads; flushes once per read burst. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            context.write(message);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
