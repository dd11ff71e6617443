package io.jreign.mailbox;

import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.DeferredWakes;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.mailbox.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A running node: it mints mailboxes, spawns processes, holds the names registry, and routes
 * every send to a local mailbox or through one of its {@link Transport}s.
 *
 * <pre>{@code
 * try (Node node = Node.start("demo")) {
 *     Address echo = node.spawn(self -> {
 *         while (true) {
 *             if (self.receive() instanceof Ping(Address from)) from.send(new Pong());
 *         }
 *     });
 *     try (Mailbox me = node.newMailbox()) {
 *         echo.send(new Ping(me.address()));
 *         Pong pong = me.receive(Pong.class, Duration.ofSeconds(1)).orElseThrow();
 *     }
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>A node is one run: {@link #id()} carries a fresh incarnation each start, so addresses of an
 *       earlier run never reach this one.</li>
 *   <li>Processes ({@link #spawn}) are virtual threads by default (the {@link Scheduler} seam). The
 *       JVM cannot stop a thread from outside: {@link #kill} closes the mailbox and interrupts the
 *       thread, so its next receive or interruptible wait throws and the process unwinds. A process
 *       spinning in pure computation cannot be killed.</li>
 *   <li>Closing the node closes every mailbox with {@link Reason#SHUTDOWN}, interrupts its
 *       processes and closes its transports.</li>
 * </ul>
 */
public final class Node implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Node.class.getName());

    private final NodeId id;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Entropy entropy;
    private final AtomicLong lastId = new AtomicLong();
    private final ConcurrentHashMap<Address, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final NameTable names = new NameTable(this);
    private final Routing routing = new Routing(this);
    private final Set<Address> nodeMonitors = ConcurrentHashMap.newKeySet();
    private final LongAdder droppedToClosed = new LongAdder();
    private final LongAdder droppedStale = new LongAdder();
    private final LongAdder droppedUnroutable = new LongAdder();
    private final LongAdder droppedAtClose = new LongAdder();
    private volatile boolean closed;

    private Node(Builder builder) {
        this.clock = builder.clock;
        this.scheduler = builder.scheduler != null ? builder.scheduler : Scheduler.virtualThreads(clock);
        this.entropy = builder.entropy;
        long incarnation = builder.incarnation != 0
                ? builder.incarnation
                : 1 + entropy.split("incarnation").nextLong(NodeId.MAX_INCARNATION);
        this.id = new NodeId(builder.name, incarnation);
    }

    /** Starts a node named {@code name} on the production seams. */
    public static Node start(String name) {
        return builder(name).start();
    }

    /** A builder for a node named {@code name}; see {@link NodeId} for valid names. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** This run's identity. */
    public NodeId id() {
        return id;
    }

    public Clock clock() {
        return clock;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Entropy entropy() {
        return entropy;
    }

    /** The names registry. */
    public Names names() {
        return names;
    }

    NameTable nameTable() {
        return names;
    }

    /**
     * A new open mailbox for the calling code, which can receive on it from any thread (see
     * {@link Mailbox} on readers). Close it when done.
     *
     * @throws IllegalStateException if the node is closed
     */
    public Mailbox newMailbox() {
        ensureOpen();
        Mailbox mailbox = new Mailbox(this, id, lastId.incrementAndGet());
        mailboxes.put(mailbox.address(), mailbox);
        if (closed) {
            mailbox.close(Reason.SHUTDOWN);
        }
        return mailbox;
    }

    /**
     * Runs {@code body} as a new process with a fresh mailbox. The mailbox closes with
     * {@link Reason#NORMAL} when {@code body} returns, and with the exception as reason when it
     * throws (a {@link MailboxClosedException} for its own mailbox keeps the reason it was closed
     * with).
     *
     * @return the process's address
     */
    public Address spawn(ProcessBody body) {
        return spawn(null, body);
    }

    /**
     * As {@link #spawn(ProcessBody)}, registering the process under {@code name} before it starts,
     * so that a message sent to the name right after this returns reaches it.
     */
    public Address spawn(String name, ProcessBody body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        Mailbox mailbox = newMailbox();
        if (name != null) {
            names.register(name, mailbox.address());
        }
        scheduler.start(null, () -> runProcess(mailbox, body));
        return mailbox.address();
    }

    /**
     * Sends {@code message} to the mailbox registered as {@code name} (its oldest claimant).
     *
     * @throws UnknownNameException if no mailbox holds the name
     */
    public void send(String name, Object message) {
        names.lookup(name).orElseThrow(() -> new UnknownNameException(name)).send(message);
    }

    /** The oldest claimant of {@code name}, as Erlang's {@code whereis/1}. */
    public Optional<Address> whereis(String name) {
        return names.lookup(name);
    }

    /**
     * Sends {@code message} to {@code to} after {@code delay} on this node's clock (Erlang's
     * {@code erlang:send_after/3}).
     *
     * @return a handle that cancels the send if it has not happened
     */
    public Cancellable sendAfter(Duration delay, Address to, Object message) {
        if (message == null) {
            throw new NullPointerException("message");
        }
        Address bound = bind(to);
        if (bound.node().equals(id)) {
            return clock.schedule(delay, () -> bound.send(message)); // a local send never blocks
        }
        // A transport may make a sender wait (back-pressure): never the clock's timer thread.
        return clock.schedule(delay, () -> scheduler.start(null, () -> bound.send(message)));
    }

    /**
     * Closes the local mailbox at {@code address} with {@code reason} and interrupts its process
     * thread, if it was spawned. Killing a remote address is the business of the transport that
     * reaches it (the OTP bridge's {@code exit/2}); here it returns false.
     *
     * @return whether this call closed the mailbox
     */
    public boolean kill(Address address, Object reason) {
        Mailbox mailbox = localMailbox(address);
        if (mailbox == null) {
            return false;
        }
        boolean closedNow = mailbox.close(reason);
        Thread thread = mailbox.process;
        if (closedNow && thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
        return closedNow;
    }

    /** An address equal to {@code address} that is bound to this node. */
    public Address bind(Address address) {
        Object route = address.route();
        if (route == this || (route instanceof Mailbox local && local.node() == this)) {
            return address;
        }
        // Only this node's addresses can have a mailbox here: a decoder binds every remote sender's too.
        Mailbox local = id.equals(address.node()) ? mailboxes.get(address) : null;
        return new Address(address.node(), address.id(), local != null ? local : this);
    }

    /** Adds a transport; sends to the nodes it {@linkplain Transport#reaches reaches} go through it. */
    public void addTransport(Transport transport) {
        ensureOpen();
        routing.add(transport);
    }

    /** The transports, in the order they are asked. */
    public List<Transport> transports() {
        return routing.transports();
    }

    /** {@code subscriber} receives a {@link NodeEvent} whenever a transport connects or loses a node. */
    public void monitorNodes(Address subscriber) {
        nodeMonitors.add(subscriber);
    }

    /** Stops {@link #monitorNodes(Address)} for {@code subscriber}. */
    public void demonitorNodes(Address subscriber) {
        nodeMonitors.remove(subscriber);
    }

    /** The node's counters now. */
    public NodeStats stats() {
        return new NodeStats(mailboxes.size(), droppedToClosed.sum(), droppedStale.sum(),
                droppedUnroutable.sum(), droppedAtClose.sum(), routing.crossNodeWatches());
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Shuts the node down: every mailbox closes with {@link Reason#SHUTDOWN} (watchers are told),
     * process threads are interrupted, transports are closed. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LiveNodes.remove(this);
        for (Mailbox mailbox : List.copyOf(mailboxes.values())) {
            kill(mailbox.address(), Reason.SHUTDOWN);
        }
        routing.closeAll();
    }

    @Override
    public String toString() {
        return "Node[" + id + ']';
    }

    // ---- package internals --------------------------------------------------------------------

    private Node started() {
        LiveNodes.add(this);
        return this;
    }

    /** The open-or-closed local mailbox for {@code address}, or null if it is not one of ours now. */
    Mailbox localMailbox(Address address) {
        if (address.route() instanceof Mailbox local && local.node() == this) {
            return local;
        }
        return id.equals(address.node()) ? mailboxes.get(address) : null;
    }

    /** Sends to an address without a direct route. */
    void route(Address to, Object message) {
        NodeId target = to.node();
        if (target.equals(id)) {
            Mailbox mailbox = mailboxes.get(to);
            if (mailbox != null) {
                mailbox.deliver(message);
            } else {
                droppedToClosed.increment();
            }
        } else if (target.isOtherRunOf(id)) {
            droppedStale.increment();
        } else {
            routing.send(to, message);
        }
    }

    void watch(Address target, Address watcher) {
        routing.addWatch(target, watcher);
    }

    void unwatch(Address target, Address watcher) {
        routing.removeWatch(target, watcher);
    }

    /** Called once by {@link Mailbox#close(Object)} after it marked itself closed. */
    void closed(Mailbox mailbox, Object reason, List<Address> watchers) {
        Address address = mailbox.address();
        mailboxes.remove(address, mailbox);
        names.releaseAll(mailbox);
        routing.watcherClosed(address);
        for (Address watcher : watchers) {
            routing.notifyClosed(address, watcher, reason);
        }
    }

    /** Delivers a message from a transport to a local address, counting what cannot be delivered. */
    void deliverFromRemote(Address to, Object message, DeferredWakes wakes) {
        if (to.node().equals(id)) {
            Mailbox mailbox = localMailbox(to);
            if (mailbox != null) {
                mailbox.deliver(message, wakes);
            } else {
                droppedToClosed.increment();
            }
        } else if (to.node().isOtherRunOf(id)) {
            droppedStale.increment();
        } else {
            droppedUnroutable.increment();
        }
    }

    void countDroppedToClosed() {
        droppedToClosed.increment();
    }

    void countDroppedAtClose(long count) {
        droppedAtClose.add(count);
    }

    void countDroppedStale() {
        droppedStale.increment();
    }

    void countDroppedUnroutable() {
        droppedUnroutable.increment();
    }

    void publish(NodeEvent event) {
        for (Address subscriber : nodeMonitors) {
            subscriber.send(event);
        }
    }

    private void runProcess(Mailbox mailbox, ProcessBody body) {
        mailbox.process = Thread.currentThread();
        Object reason = Reason.NORMAL;
        try {
            body.run(mailbox);
        } catch (MailboxClosedException own) {
            reason = own.address().equals(mailbox.address()) ? own.reason() : own;
        } catch (Throwable failure) {
            reason = failure;
            if (!mailbox.isClosed()) {
                LOG.log(System.Logger.Level.WARNING, "process " + mailbox.address() + " crashed", failure);
            }
        } finally {
            mailbox.close(reason);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("node " + id + " is closed");
        }
    }

    /** Sets up a {@link Node}; every seam defaults to production. */
    public static final class Builder {
        private final String name;
        private long incarnation;
        private Clock clock = Clock.system();
        private Scheduler scheduler;
        private Entropy entropy;

        private Builder(String name) {
            this.name = name;
        }

        /** A fixed incarnation (e.g. Erlang's creation from EPMD); by default a random one. */
        public Builder incarnation(long incarnation) {
            this.incarnation = incarnation;
            return this;
        }

        /** The clock seam; default {@link Clock#system()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The scheduler seam; default {@link Scheduler#virtualThreads(Clock)} on this builder's clock. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** The entropy seam; default {@link Entropy#secure()}. */
        public Builder entropy(Entropy entropy) {
            this.entropy = entropy;
            return this;
        }

        /** Starts the node. */
        public Node start() {
            if (entropy == null) {
                entropy = Entropy.secure();
            }
            return new Node(this).started();
        }
    }
}
