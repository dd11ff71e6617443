package io.jreign.cluster.internal;

import io.jreign.cluster.ClusterSpec;
import io.jreign.cluster.spi.Sockets;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.PromiseNotifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link Sockets} over TCP with Netty's event loops, on Linux's epoll when Netty's native transport
 * loads ({@link #NATIVE}) and on the JDK's selector (NIO) otherwise: the only threads the cluster
 * starts itself. The native loop makes fewer system calls per wake-up, which is most of what a
 * small message costs. Host names are resolved with the JDK's resolver ({@link InetAddress}, with its own cache
 * policy) on a thread from the node's scheduler seam, never on an event loop; IP literals need no
 * resolution. Netty's own connect timeout is off: the dialler's deadline on the clock seam covers
 * resolution, connect and handshake alike.
 */
final class NettySockets implements Sockets {
    /** Whether the event loops run on Netty's native epoll transport. */
    static final boolean NATIVE = Epoll.isAvailable();

    private final EventLoopGroup group;
    /** The event loops' threads, so that a sender learns cheaply whether it is one (it must not block). */
    private final Set<Thread> networkThreads = ConcurrentHashMap.newKeySet();
    private final Scheduler scheduler;
    private Channel server;

    /**
     * Sockets on {@code ioThreads} event loops named after node {@code name}, which poll for
     * {@code busyWait} (on {@code clock}) before they sleep ({@link BusyWaitStrategy}).
     */
    NettySockets(String name, int ioThreads, Duration busyWait, Clock clock, Scheduler scheduler) {
        this.scheduler = scheduler;
        ThreadFactory threads = new DefaultThreadFactory("jreign-cluster-" + name, true) {
            @Override
            protected Thread newThread(Runnable body, String threadName) {
                Thread thread = super.newThread(body, threadName);
                networkThreads.add(thread);
                return thread;
            }
        };
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, threads, ioHandlers(busyWait, clock));
    }

    private static IoHandlerFactory ioHandlers(Duration busyWait, Clock clock) {
        if (busyWait.isZero()) {
            return NATIVE ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        }
        SelectStrategyFactory strategies = () -> new BusyWaitStrategy(busyWait.toNanos(), clock);
        return NATIVE ? EpollIoHandler.newFactory(0, strategies)
                : NioIoHandler.newFactory(SelectorProvider.provider(), strategies);
    }

    private static Class<? extends ServerChannel> serverChannels() {
        return NATIVE ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private static Class<? extends Channel> channels() {
        return NATIVE ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public InetSocketAddress listen(ClusterSpec.Endpoint at, Consumer<Channel> initializer) {
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(serverChannels())
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializerOf(initializer))
                .bind(at.host(), at.port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException(String.valueOf(bound.cause().getMessage()), bound.cause());
        }
        server = bound.channel();
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public ChannelFuture dial(ClusterSpec.Endpoint to, Consumer<Channel> initializer) {
        ChannelFuture registered = new Bootstrap()
                .group(group)
                .channel(channels())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0) // off: the dialler's deadline is on the clock seam
                .handler(initializerOf(initializer))
                .register();
        Channel channel = registered.channel();
        ChannelPromise connected = channel.newPromise();
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(to.host());
        if (literal != null) {
            connectWhenRegistered(registered, new InetSocketAddress(literal, to.port()), connected);
        } else {
            scheduler.start("jreign-resolve-" + to.host(), () -> {
                try {
                    InetAddress resolved = InetAddress.getByName(to.host());
                    connectWhenRegistered(registered, new InetSocketAddress(resolved, to.port()), connected);
                } catch (UnknownHostException | SecurityException e) {
                    connected.tryFailure(new UnknownHostException("cannot resolve " + to.host() + ": " + e.getMessage()));
                    channel.close();
                }
            });
        }
        return connected;
    }

    private static void connectWhenRegistered(ChannelFuture registered, InetSocketAddress address, ChannelPromise connected) {
        registered.addListener(done -> {
            if (!done.isSuccess()) {
                connected.tryFailure(done.cause());
            } else if (!registered.channel().isOpen()) {
                connected.tryFailure(new IllegalStateException("closed before connecting"));
            } else {
                registered.channel().connect(address).addListener(new PromiseNotifier<>(connected));
            }
        });
    }

    @Override
    public boolean isNetworkThread() {
        Thread current = Thread.currentThread();
        return !current.isVirtual() && networkThreads.contains(current); // asked on every send
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        // Netty's graceful shutdown runs on Netty's own timers; there is no protocol time in it.
        if (isNetworkThread()) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        } else {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static ChannelInitializer<Channel> initializerOf(Consumer<Channel> initializer) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                initializer.accept(channel);
            }
        };
    }
}
