package io.jreign.certtool;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A real TLS 1.3 handshake over 127.0.0.1 between a server node and a client node, each loaded from
 * a {@link NodeDirectory} with Netty's {@link SslContextBuilder}: client authentication required,
 * only the node directory's ca.pem trusted, the client checking the server's IP SAN.
 */
final class TlsPair implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 20;

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

  /** How one side's handshake ended, with the peer certificate when it succeeded. */
  record Side(boolean success, Throwable cause, Optional<X509Certificate> peer) {}

  /** Both sides' results. */
  record Outcome(Side server, Side client) {
    boolean bothSucceeded() {
      return server.success() && client.success();
    }
  }

  /** The server side's SSL context, from node.pem/node.key/ca.pem files. */
  static SslContext serverContext(Path nodeDir, SslProvider provider) throws SSLException {
    return serverContext(nodeDir, NodeDirectory.caFile(nodeDir), provider);
  }

  /** The server side's SSL context from node.pem/node.key, trusting only {@code trustedCa}. */
  static SslContext serverContext(Path nodeDir, Path trustedCa, SslProvider provider) throws SSLException {
    return SslContextBuilder.forServer(NodeDirectory.certificateFile(nodeDir).toFile(),
            NodeDirectory.keyFile(nodeDir).toFile())
        .trustManager(trustedCa.toFile())
        .clientAuth(ClientAuth.REQUIRE)
        .protocols("TLSv1.3")
        .sslProvider(provider)
        .build();
  }

  /** The client side's SSL context, from node.pem/node.key/ca.pem files; verifies the server's host. */
  static SslContext clientContext(Path nodeDir, SslProvider provider) throws SSLException {
    return clientContext(nodeDir, NodeDirectory.caFile(nodeDir), provider);
  }

  /** The client side's SSL context from node.pem/node.key, trusting only {@code trustedCa}. */
  static SslContext clientContext(Path nodeDir, Path trustedCa, SslProvider provider) throws SSLException {
    return SslContextBuilder.forClient()
        .keyManager(NodeDirectory.certificateFile(nodeDir).toFile(), NodeDirectory.keyFile(nodeDir).toFile())
        .trustManager(trustedCa.toFile())
        .protocols("TLSv1.3")
        .endpointIdentificationAlgorithm("HTTPS")
        .sslProvider(provider)
        .build();
  }

  /** Runs one handshake and waits (bounded) for both sides to finish. */
  Outcome handshake(SslContext serverContext, SslContext clientContext) throws Exception {
    CompletableFuture<Side> serverSide = new CompletableFuture<>();
    Channel server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            SslHandler handler = serverContext.newHandler(channel.alloc());
            channel.pipeline().addLast(handler, new CloseOnError());
            handler.handshakeFuture().addListener(done -> serverSide.complete(side(done, handler)));
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
    try {
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      CompletableFuture<Side> clientSide = new CompletableFuture<>();
      Channel client = new Bootstrap()
          .group(group)
          .channel(NioSocketChannel.class)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              SslHandler handler = clientContext.newHandler(channel.alloc(), "127.0.0.1", port);
              channel.pipeline().addLast(handler, new CloseOnError());
              handler.handshakeFuture().addListener(done -> clientSide.complete(side(done, handler)));
            }
          })
          .connect("127.0.0.1", port).sync().channel();
      try {
        Side serverResult = serverSide.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Side clientResult = clientSide.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new Outcome(serverResult, clientResult);
      } finally {
        client.close().sync();
      }
    } finally {
      server.close().sync();
    }
  }

  private static Side side(Future<?> done, SslHandler handler) {
    if (!done.isSuccess()) {
      return new Side(false, done.cause(), Optional.empty());
    }
    try {
      X509Certificate peer = (X509Certificate) handler.engine().getSession().getPeerCertificates()[0];
      return new Side(true, null, Optional.of(peer));
    } catch (SSLPeerUnverifiedException e) {
      return new Side(true, null, Optional.empty());
    }
  }

  /** Closes the channel on a failed handshake instead of letting Netty log the exception. */
  private static final class CloseOnError extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      context.close();
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
