package io.jreign.cluster.spi;

import io.jreign.cluster.ClusterSpec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Where the cluster's connections come from: one listening endpoint and dialled connections,
 * handed over as Netty {@link Channel}s. Everything the protocol does (TLS, frames, handshake, the
 * links) is set up by the caller's {@code initializer} on whatever channel this hands it, and every
 * timeout is the caller's, on the clock seam. So the same protocol code can run over real sockets
 * (the default, Netty's NIO transport) or over in-memory channels (the testkit's simulator, which
 * hands over {@code EmbeddedChannel}s carried by its simulated network).
 *
 * <p>An SPI for simulators, set with {@link io.jreign.cluster.ClusterNode.Builder#sockets}: an
 * implementation runs every task of its channels itself, and must answer
 * {@link #isNetworkThread()} true on the threads that do, because code there must never wait.
 */
public interface Sockets {

    /**
     * Accepts connections at {@code at}; each accepted channel goes through {@code initializer}
     * before it reads anything.
     *
     * @return the address listened on (the real port when {@code at} says 0)
     * @throws IllegalStateException if {@code at} cannot be listened on, saying why
     */
    InetSocketAddress listen(ClusterSpec.Endpoint at, Consumer<Channel> initializer);

    /**
     * Dials {@code to}. The channel exists at once ({@link ChannelFuture#channel()}), already
     * through {@code initializer}, so that it can be closed before it connects; the future
     * completes when the connection is made or has failed. Neither the caller nor the network
     * threads wait for name resolution. There is no timeout here: the caller closes the channel
     * when its own deadline passes.
     */
    ChannelFuture dial(ClusterSpec.Endpoint to, Consumer<Channel> initializer);

    /** Whether the calling thread is one of the network's own, which must never wait. */
    boolean isNetworkThread();

    /** Stops listening and releases the network's threads. Connections are closed before, by the caller. */
    void close();
}
