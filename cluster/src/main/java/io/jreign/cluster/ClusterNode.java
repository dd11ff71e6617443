package io.jreign.cluster;

import io.jreign.cluster.internal.ClusterTransport;
import io.jreign.cluster.internal.TlsContexts;
import io.jreign.cluster.spi.Sockets;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.Scheduler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A mailbox {@link Node} that is a member of a TLS cluster: start it from the cluster's spec and
 * the name of the member it runs as, and every {@link io.jreign.mailbox.Address} of the other
 * members is reachable from it.
 *
 * <pre>{@code
 * record Ping(Address from) {}
 *
 * ClusterSpec spec = ClusterSpec.load(Path.of("cluster.json"));   // "register": ["com.example.Ping"]
 * try (ClusterNode a = ClusterNode.start(spec, "a")) {
 *     Node node = a.node();
 *     try (Mailbox me = node.newMailbox()) {
 *         remoteAddress.send(new Ping(me.address()));            // an Address of node b, from a message
 *         Object reply = me.receive(Duration.ofSeconds(5)).orElseThrow();
 *     }
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Start.</b> {@link #start} listens on the member's listen address and dials every other
 *       member, and keeps redialling those it cannot reach (exponential backoff with jitter). It
 *       returns once listening, not once connected: {@link io.jreign.mailbox.NodeEvent.Up} (via
 *       {@link Node#monitorNodes}) tells when a peer is up. It fails at once, naming the file or
 *       field, if the name is not a member, the node's certificate is unreadable or not its own,
 *       the registered classes cannot be loaded, or the listen address is taken.</li>
 *   <li><b>Sending to another node</b> is as sending locally: {@code address.send(m)}. The message
 *       is encoded in the sending thread: a class the serializer cannot encode makes the send throw
 *       {@link IllegalArgumentException} naming it, and so does a message larger than
 *       {@code limits.maxFrameSize}. Messages from one sender to one mailbox arrive in order, or the
 *       watchers of that node's mailboxes learn that the connection was lost.</li>
 *   <li><b>A peer that is unreachable</b> (not yet connected, or between a loss and a reconnect):
 *       messages to it wait in its queue up to {@code timeouts.undeliverableWait}, then are dropped
 *       and counted ({@link ClusterStats#droppedUndeliverable()}); watches on its addresses fire at
 *       once with {@link io.jreign.mailbox.Reason#NO_CONNECTION}.</li>
 *   <li><b>Back-pressure.</b> Each peer's queue holds at most {@code limits.outboundQueue} bytes. A
 *       send that finds it full waits, up to {@code timeouts.sendTimeout}; then the message is
 *       dropped and counted ({@link ClusterStats#droppedQueueFull()}) and a connected peer that did
 *       not drain it is disconnected (so its watchers learn of the loss). Sends from Netty's threads
 *       and from the clock's timer never wait: they drop and count instead. Memory stays bounded.</li>
 *   <li><b>Stale addresses.</b> A message to an address of another run (incarnation) of a peer
 *       than the one connected is dropped and counted ({@link ClusterStats#droppedStale()}); a
 *       watch on one fires {@link io.jreign.mailbox.Reason#NO_PROC}.</li>
 *   <li><b>Losing a peer</b> (connection closed, {@code timeouts.heartbeatTimeout} of silence, a
 *       malformed frame, or the peer leaving): every watch on its addresses fires once with
 *       {@link io.jreign.mailbox.Reason#NO_CONNECTION}, node monitors get
 *       {@link io.jreign.mailbox.NodeEvent.Down} with that reason, and the node redials.</li>
 *   <li><b>Names</b> are cluster-wide: a name a mailbox registers here ({@link Node#names()})
 *       reaches every connected member, whose {@code lookup}, {@code lookupAll} and
 *       {@code send(name, message)} see it; a lost member's names vanish, a reconnect brings them
 *       back. See the cluster README for ordering, conflicts and limits.</li>
 *   <li><b>Membership</b> can change while the node runs: {@link #addMember}, {@link #removeMember},
 *       {@link #reload}. There is no cap on the number of members.</li>
 *   <li><b>Close</b> leaves the cluster: queued messages are flushed where a connection is up,
 *       peers are told (they see this node go down at once), then the node closes its mailboxes
 *       with {@link io.jreign.mailbox.Reason#SHUTDOWN}. Idempotent.</li>
 * </ul>
 */
public final class ClusterNode implements AutoCloseable {
    private final Node node;
    private final ClusterTransport transport;

    private ClusterNode(Node node, ClusterTransport transport) {
        this.node = node;
        this.transport = transport;
    }

    /**
     * Starts member {@code name} of {@code spec}, with the serializer the spec names and its
     * registrations, on the production seams.
     *
     * @throws IllegalArgumentException if {@code name} is not a member, or a file or registered
     *                                  class is not usable (the message names it)
     * @throws IllegalStateException    if the listen address cannot be bound
     */
    public static ClusterNode start(ClusterSpec spec, String name) {
        return builder(spec, name).start();
    }

    /** A builder, for your own serializer, registrations or seams. */
    public static Builder builder(ClusterSpec spec, String name) {
        return new Builder(spec, name);
    }

    /** The mailbox node; its addresses are reachable cluster-wide. */
    public Node node() {
        return node;
    }

    /** This run's identity. */
    public NodeId id() {
        return node.id();
    }

    /** The spec this node runs now: the one it started with, with the membership changes made since. */
    public ClusterSpec spec() {
        return transport.currentSpec();
    }

    /**
     * Makes {@code member} a member while this node runs: its connections are accepted from now on
     * and this node dials it (and redials, as any member). Other nodes learn of it only from their
     * own {@code addMember} or {@link #reload}: a connection needs both ends to agree.
     *
     * @throws ClusterSpecException  if the name or advertised address is invalid or taken, naming the field
     * @throws IllegalStateException if this node has left the cluster
     */
    public void addMember(ClusterSpec.Member member) {
        transport.addMember(member);
    }

    /**
     * Ends {@code name}'s membership while this node runs: its connection closes at once, its
     * node goes down here (watchers of its addresses are told {@link io.jreign.mailbox.Reason#NO_CONNECTION},
     * its names vanish), messages queued for it are dropped and counted, and its connections are
     * refused from now on, logged as not a member. Sends to its addresses are then dropped and
     * counted by the node as unroutable.
     *
     * @throws IllegalArgumentException if it is not a member, or is this node itself
     * @throws IllegalStateException    if this node has left the cluster
     */
    public void removeMember(String name) {
        transport.removeMember(name);
    }

    /**
     * Applies the membership of {@code next}, for example the same file edited: members missing
     * from it are removed and new ones added, as by {@link #removeMember} and {@link #addMember},
     * and a member whose advertised address changed is dialled there from its next dial on (a
     * connection up now stays). Nothing else can change while the node runs: the cluster name, CA,
     * serializer, registrations, timeouts, limits and this node's own entry must be as it runs
     * them. Either all of it is applied or, on an error, nothing.
     *
     * @throws ClusterSpecException  naming the first field that cannot change while the node runs
     * @throws IllegalStateException if this node has left the cluster
     */
    public void reload(ClusterSpec next) {
        transport.reload(next);
    }

    /**
     * Loads {@code file} ({@link ClusterSpec#load}) and {@linkplain #reload(ClusterSpec) applies} it.
     *
     * @throws ClusterSpecException naming the field that is wrong, or cannot change while the node runs
     */
    public void reload(Path file) {
        reload(ClusterSpec.load(file));
    }

    /** The transport's counters now. */
    public ClusterStats stats() {
        return transport.stats();
    }

    /** The run of {@code name} connected now, if any. */
    public Optional<NodeId> connected(String name) {
        return Optional.ofNullable(transport.connectedPeer(name));
    }

    /** Where this node listens. */
    public InetSocketAddress listenAddress() {
        return transport.localAddress();
    }

    /** Leaves the cluster (peers see this node go down) and closes the node. Idempotent. */
    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            node.close();
        }
    }

    @Override
    public String toString() {
        return "ClusterNode[" + node.id() + " in " + spec().cluster() + ']';
    }

    /** For tests in this package: the transport behind this node. */
    ClusterTransport transport() {
        return transport;
    }

    /** Sets up a {@link ClusterNode}. */
    public static final class Builder {
        private final ClusterSpec spec;
        private final String name;
        private final List<Class<?>> extraRegistrations = new ArrayList<>();
        private Serializer serializer;
        private Clock clock;
        private Entropy entropy;
        private Scheduler scheduler;
        private boolean hostedProcesses;
        private Function<Scheduler, Sockets> sockets;
        private long incarnation;
        private Boolean openSsl;
        private int ioThreads = 2;
        private Duration busyWait = Duration.ZERO;
        private ClassLoader classLoader;

        private Builder(ClusterSpec spec, String name) {
            this.spec = Objects.requireNonNull(spec, "spec");
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Registers more message classes with the spec's Kryo serializer, after the spec's own
         * {@code "register"} list. Every node must register the same ones in the same order, or
         * the peers refuse each other (the serializer ids differ).
         */
        public Builder register(Class<?>... types) {
            extraRegistrations.addAll(List.of(types));
            return this;
        }

        /** Uses {@code serializer} instead of the spec's; the spec's {@code "register"} list is then ignored. */
        public Builder serializer(Serializer serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            return this;
        }

        /** The class loader for the spec's registered classes; default this thread's context loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** The clock seam; default {@link Clock#system()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The entropy seam; default {@link Entropy#secure()}. */
        public Builder entropy(Entropy entropy) {
            this.entropy = entropy;
            return this;
        }

        /** The scheduler seam (where the node's processes run); default virtual threads. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * {@code true} to run a process woken by a message from a peer on the event loop that read
         * it ({@link Scheduler#hostedVirtualThreads}: one thread wake-up less per message; the JVM
         * needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}); default {@code false}.
         * Not together with {@link #scheduler}.
         */
        public Builder hostedProcesses(boolean hostedProcesses) {
            this.hostedProcesses = hostedProcesses;
            return this;
        }

        /**
         * SPI, for simulators: where the node's connections come from, made from the node's
         * scheduler when it starts; by default TCP sockets on {@link #ioThreads} Netty threads.
         * The protocol (TLS, frames, handshake, heartbeats, queues) is the same either way.
         */
        public Builder sockets(Function<Scheduler, Sockets> sockets) {
            this.sockets = Objects.requireNonNull(sockets, "sockets");
            return this;
        }

        /** A fixed incarnation; by default a random one per start. */
        public Builder incarnation(long incarnation) {
            this.incarnation = incarnation;
            return this;
        }

        /**
         * {@code true} to insist on OpenSSL (BoringSSL from netty-tcnative; {@link #start()} then
         * throws {@link IllegalStateException} where it does not load), {@code false} for the JDK's
         * TLS; by default OpenSSL when it loads, else the JDK's.
         */
        public Builder openSsl(boolean openSsl) {
            this.openSsl = openSsl;
            return this;
        }

        /** Netty event-loop threads for this node's connections; default 2. */
        public Builder ioThreads(int ioThreads) {
            if (ioThreads < 1) {
                throw new IllegalArgumentException("ioThreads must be positive, was " + ioThreads);
            }
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * How long each event loop keeps polling its sockets, out of work, before it sleeps in the
         * kernel: Erlang's scheduler busy wait ({@code +sbwt}); default zero, sleep at once. A
         * peer's message then reaches a polling loop with no thread wake-up, which pays most with
         * {@link #hostedProcesses}: a call's reply, its process and its next request all stay on
         * one busy loop. The cost is CPU: each loop may spin this long after every burst of work.
         * At most one second.
         */
        public Builder busyWait(Duration busyWait) {
            Objects.requireNonNull(busyWait, "busyWait");
            if (busyWait.isNegative() || busyWait.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("busyWait must be between 0 and 1 s, was " + busyWait);
            }
            this.busyWait = busyWait;
            return this;
        }

        /** Starts the node; see {@link ClusterNode#start(ClusterSpec, String)}. */
        public ClusterNode start() {
            ClusterSpec.Member me = spec.member(name);
            Serializer chosen = serializer != null ? serializer : kryo();
            TlsContexts tls = TlsContexts.create(spec, me, openSsl);
            Node.Builder nodeBuilder = Node.builder(name);
            if (clock != null) {
                nodeBuilder.clock(clock);
            }
            if (entropy != null) {
                nodeBuilder.entropy(entropy);
            }
            if (hostedProcesses && scheduler != null) {
                throw new IllegalStateException("hostedProcesses(true) chooses the scheduler; do not also set scheduler(...)");
            }
            if (hostedProcesses) {
                nodeBuilder.scheduler(Scheduler.hostedVirtualThreads(clock != null ? clock : Clock.system()));
            } else if (scheduler != null) {
                nodeBuilder.scheduler(scheduler);
            }
            if (incarnation != 0) {
                nodeBuilder.incarnation(incarnation);
            }
            Node node = nodeBuilder.start();
            ClusterTransport transport = sockets != null
                    ? new ClusterTransport(spec, me, chosen, tls, sockets)
                    : new ClusterTransport(spec, me, chosen, tls, ioThreads, busyWait, clock != null ? clock : Clock.system());
            try {
                node.addTransport(transport);
                transport.start();
            } catch (RuntimeException | Error e) {
                node.close();
                throw e;
            }
            return new ClusterNode(node, transport);
        }

        private Serializer kryo() {
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = ClusterNode.class.getClassLoader();
            }
            return KryoSerializer.builder()
                    .register(spec.registrations(), loader)
                    .register(extraRegistrations.toArray(Class<?>[]::new))
                    .build();
        }
    }
}
