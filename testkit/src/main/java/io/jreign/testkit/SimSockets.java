package io.jreign.testkit;

import io.jreign.cluster.ClusterSpec;
import io.jreign.cluster.spi.Sockets;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * One run of a simulated cluster node's sockets: the cluster's {@link Sockets} seam over the
 * {@link SimStreams}. Its channels are {@link SimChannel}s; no thread is started. A crash
 * ({@link #crash}) resets every connection at once and silences the node.
 */
final class SimSockets implements Sockets {
    private final SimStreams streams;
    private final String node;
    private final ClusterSpec.Endpoint endpoint;
    private volatile Consumer<Channel> initializer;
    private volatile boolean dead;

    SimSockets(SimStreams streams, String node, ClusterSpec.Endpoint endpoint) {
        this.streams = streams;
        this.node = node;
        this.endpoint = endpoint;
    }

    String node() {
        return node;
    }

    InetSocketAddress address() {
        return InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port());
    }

    boolean isDead() {
        return dead;
    }

    Consumer<Channel> initializer() {
        return initializer;
    }

    @Override
    public InetSocketAddress listen(ClusterSpec.Endpoint at, Consumer<Channel> initializer) {
        if (!at.equals(endpoint)) {
            throw new IllegalStateException("simulated node " + node + " listens on " + endpoint + ", not " + at);
        }
        this.initializer = initializer;
        streams.listen(at, this);
        return address();
    }

    @Override
    public ChannelFuture dial(ClusterSpec.Endpoint to, Consumer<Channel> initializer) {
        return streams.dial(this, to, initializer);
    }

    @Override
    public boolean isNetworkThread() {
        return SimStreams.inNetwork();
    }

    /** The node crashed: nothing more leaves it, and every connection it has is reset. */
    void crash() {
        dead = true;
        streams.unlisten(endpoint, this);
        streams.closeAll(this);
    }

    @Override
    public void close() {
        streams.unlisten(endpoint, this);
        dead = true;
    }
}
