package io.jreign.cluster.internal;

import io.jreign.cluster.ClusterSpec;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.Reason;
import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.DeferredWakes;
import io.jreign.mailbox.spi.NameClaim;
import io.jreign.mailbox.spi.TransportContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about one peer: its single connection, its outbound queue, the feed of this node's
 * name claims to it and what it claims, dialling and redialling, heartbeats, and the up/down
 * events.
 *
 * <h2>One connection per pair</h2>
 * Both nodes dial each other (at start and after a loss, with {@link Backoff}). When dials cross,
 * the dial of the node whose name sorts first wins, decided by the acceptor in {@link #offerInbound}:
 * <pre>
 *   acceptor's state   inbound from a lower name           inbound from a higher name
 *   idle               adopt                               adopt
 *   dialling           adopt; our dial will be dropped     reject: our dial wins
 *   connected          peer redialled, so the old one is   reject (same run: ours stands; a
 *                      dead to it: replace (down, up)      new run of the peer: replace)
 * </pre>
 * A node dials only while it has no connection, so when the lower node dials, any connection the
 * higher one still holds is dead to the lower one; and the higher node's dial is refused while the
 * lower one dials or holds a live connection. Both sides thus keep the same connection. A dialler
 * adopts its connection only on the acceptor's Hello, that is after the acceptor adopted it. A dial
 * has {@code timeouts.connectTimeout}, on the clock seam, from its start (name resolution
 * included) to that Hello.
 *
 * <h2>Names</h2>
 * On adopting a connection the link opens its {@link NameFeed} with a snapshot of the local claims,
 * taken under the registry's lock ({@link TransportContext#withLocalClaims}), so the sync plus the
 * changes that follow are an exact copy. The drain writes names frames before the next queued
 * frame: they never wait behind user messages, and a claim made before a send reaches the peer
 * before that message. Names frames are not in the {@link Outbox}: they are never dropped while
 * the connection lasts, and the feed's own bound holds them (see {@link NameFeed}). Incoming names
 * frames go through the connection's {@link RemoteNames}.
 *
 * <h2>Threads</h2>
 * State changes happen under this object's monitor, and the node's up/down callbacks are made
 * inside it, so a peer's events are ordered (down of one connection before up of the next). Lock
 * order: this monitor, then the registry's lock (taking the snapshot), then the feed's; the
 * registry calls {@link #claimChanged} holding its lock, which therefore takes the feed's only.
 * Reads of the connection state for sending are volatile and take no lock. Frames are written only
 * by {@link #drain} on the connection's event loop: that is the single ordered write path. A drain
 * encodes everything it takes into one buffer ({@link FrameBatch}) and flushes once, so a burst of
 * messages costs one pass through TLS and one socket write.
 */
final class PeerLink {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    /** How a refusal that only settles crossing dials starts (logged at debug level by the dialler). */
    static final String SETTLED = "settled: ";
    private static final int FLUSH_EVERY_BYTES = 64 * 1024;
    private static final int DRAIN_BATCH_BYTES = 512 * 1024;
    /** Names frames stay small, so the feed's lock (which the registry waits for) is held briefly. */
    private static final int NAMES_FRAME_BYTES = 64 * 1024;

    private final ClusterTransport transport;
    private final Outbox outbox;
    private final NameFeed names = new NameFeed();
    private final Backoff backoff;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private volatile ClusterSpec.Member member;
    private volatile Channel active;
    private volatile NodeId peer;
    private volatile long epoch;
    private volatile long lastHeard;
    /** When the last connection was lost; frames queued while it was up wait from then. */
    private volatile long lostAt;
    private volatile boolean closed;
    // guarded by this
    private Channel dialChannel;
    private boolean dialing;
    private int failures;
    private Cancellable redialTimer;
    private Cancellable dialDeadline;
    private Cancellable heartbeatTimer;
    private Cancellable expiryTimer;

    PeerLink(ClusterTransport transport, ClusterSpec.Member member) {
        this.transport = transport;
        this.member = member;
        this.outbox = new Outbox(transport.limits().outboundQueueBytes(), transport.clock(), transport.scheduler());
        this.backoff = new Backoff(transport.timeouts().reconnectMin(), transport.timeouts().reconnectMax(),
                transport.entropy());
    }

    private TransportContext context() {
        return transport.context();
    }

    NodeId peer() {
        return peer;
    }

    ClusterSpec.Member member() {
        return member;
    }

    /** The member moved (a reloaded spec): later dials go to its new address. */
    void retarget(ClusterSpec.Member moved) {
        member = moved;
    }

    int pendingNameChanges() {
        return names.pendingChanges();
    }

    boolean isConnected() {
        return active != null;
    }

    Channel activeChannel() {
        return active;
    }

    long queuedBytes() {
        return outbox.bytes();
    }

    // ---- dialling -----------------------------------------------------------------------------

    void dial() {
        ChannelFuture future;
        ClusterSpec.Member target;
        synchronized (this) {
            redialTimer = null;
            if (closed || active != null || dialing) {
                return;
            }
            dialing = true;
            target = member;
            // Under the monitor, so that leave() either sees this dial's channel or prevents it.
            future = transport.connect(this);
            Channel channel = future.channel();
            dialChannel = channel;
            dialDeadline = transport.schedule(transport.timeouts().connectTimeout(), () -> dialTimedOut(channel));
        }
        future.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                dialFailed(done.channel(), "cannot connect to " + target.advertise() + ": " + done.cause().getMessage());
            }
        });
    }

    /** The dial's deadline passed: its handshake handler gives it up (and logs it as a refusal if it got as far as TLS). */
    private void dialTimedOut(Channel channel) {
        synchronized (this) {
            if (dialChannel != channel) {
                return;
            }
        }
        if (channel.pipeline().get(HandshakeHandler.class) == null) {
            dialFailed(channel, "no connection within " + transport.timeouts().connectTimeout().toMillis() + " ms");
            return;
        }
        try {
            channel.pipeline().fireUserEventTriggered(HandshakeHandler.DEADLINE);
        } catch (RejectedExecutionException shuttingDown) {
            dialFailed(channel, "the network is closing");
        }
    }

    /** A dial ended before its connection was adopted. */
    void dialFailed(Channel channel, String why) {
        synchronized (this) {
            if (dialChannel != channel) {
                return;
            }
            dialChannel = null;
            dialing = false;
            cancel(dialDeadline);
            dialDeadline = null;
            LOG.debug("{}: dial to {} at {} failed: {}", transport.self(), member.name(), member.advertise(), why);
            scheduleRedial();
        }
        channel.close();
    }

    /** Our dial is authenticated (the acceptor's Hello arrived); whether we adopt it. */
    boolean dialSucceeded(Channel channel, NodeId remote) {
        synchronized (this) {
            if (dialChannel == channel) {
                dialChannel = null;
                dialing = false;
                cancel(dialDeadline);
                dialDeadline = null;
            }
            if (closed || active != null) {
                return false;
            }
            adopt(channel, remote);
            return true;
        }
    }

    /** An authenticated inbound connection from {@code remote}: null if adopted, else why not. */
    String offerInbound(Channel channel, NodeId remote) {
        synchronized (this) {
            if (closed) {
                return "node " + transport.self().name() + " is leaving the cluster";
            }
            boolean peerIsLower = remote.name().compareTo(transport.self().name()) < 0;
            Channel current = active;
            if (current != null) {
                boolean sameRun = peer.equals(remote);
                if (sameRun && !peerIsLower) {
                    return SETTLED + "already connected to " + remote + "; the lower name's connection stands";
                }
                lose(current, sameRun ? "the peer redialled, so it has lost the old connection"
                        : "a new run " + remote + " of the node connected");
            } else if (dialing && !peerIsLower) {
                return SETTLED + "simultaneous dial: the dial of the lower name (" + transport.self().name() + ") wins";
            }
            adopt(channel, remote);
            return null;
        }
    }

    private void adopt(Channel channel, NodeId remote) {
        // holds this
        NodeId before = peer;
        long next = epoch + 1;
        // The feed opens before the connection is visible, so no drain of it can go ahead of the sync.
        context().withLocalClaims(claims -> names.open(next, claims));
        active = channel;
        peer = remote;
        epoch = next;
        failures = 0;
        lastHeard = transport.clock().nanoTime();
        cancel(redialTimer);
        redialTimer = null;
        cancel(expiryTimer);
        expiryTimer = null;
        if (before != null && !before.equals(remote)) {
            LOG.info("{}: {} restarted as {}; queued messages for the old run will be dropped", transport.self(), before, remote);
        }
        LOG.info("{}: connected to {} ({})", transport.self(), remote, Addresses.show(channel.remoteAddress()));
        transport.withoutBlocking(() -> context().nodeUp(remote));
        scheduleHeartbeat(channel);
        scheduleDrain();
    }

    /** The connection {@code channel} is over (if it is the current one): node down, redial. */
    void lose(Channel channel, String why) {
        synchronized (this) {
            if (active != channel) {
                return;
            }
            lostAt = transport.clock().nanoTime(); // before active clears: see send()
            active = null;
            names.close();
            cancel(heartbeatTimer);
            heartbeatTimer = null;
            outbox.dropControl();
            LOG.info("{}: lost {} ({}): {}", transport.self(), peer, Addresses.show(channel.remoteAddress()), why);
            NodeId lost = peer;
            transport.withoutBlocking(() -> context().nodeDown(lost, Reason.NO_CONNECTION));
            scheduleRedial();
            scheduleExpiry();
        }
        channel.close();
    }

    private void scheduleRedial() {
        // holds this
        if (closed || redialTimer != null || dialing || active != null) {
            return;
        }
        Duration delay = backoff.delay(failures++);
        redialTimer = transport.schedule(delay, this::dial);
    }

    // ---- heartbeats ---------------------------------------------------------------------------

    private void scheduleHeartbeat(Channel channel) {
        // holds this
        heartbeatTimer = transport.schedule(transport.timeouts().heartbeatInterval(), () -> heartbeat(channel));
    }

    private void heartbeat(Channel channel) {
        synchronized (this) {
            if (active != channel) {
                return;
            }
            long silent = transport.clock().nanoTime() - lastHeard;
            if (silent <= transport.timeouts().heartbeatTimeout().toNanos()) {
                channel.writeAndFlush(Frame.Heartbeat.INSTANCE, channel.voidPromise());
                scheduleHeartbeat(channel);
                return;
            }
        }
        lose(channel, "heartbeat timeout: nothing received for " + TimeUnit.NANOSECONDS.toMillis(
                transport.clock().nanoTime() - lastHeard) + " ms (timeouts.heartbeatTimeout "
                + transport.timeouts().heartbeatTimeout().toMillis() + " ms)");
    }

    // ---- sending ------------------------------------------------------------------------------

    void send(Address to, Object message) {
        if (closed) {
            transport.counters().undeliverable.increment();
            return;
        }
        NodeId connected = peer;
        if (active != null && connected != null && connected.incarnation() != to.node().incarnation()) {
            transport.counters().stale.increment();
            return;
        }
        byte[] payload = transport.serializer().encode(message, transport.maxPayload());
        Frame.Send frame = new Frame.Send(to.node().incarnation(), to.id(), payload);
        // While connected the clock is not read: a frame's wait for an unreachable peer counts from the loss.
        long enqueuedAt = active != null ? Outbox.WHILE_CONNECTED : transport.clock().nanoTime();
        Outbox.Entry entry = new Outbox.Entry(frame, frame.size(), enqueuedAt, -1, to.node().incarnation());
        Outbox.Offer offer = outbox.tryOfferData(entry);
        if (offer == Outbox.Offer.FULL) {
            offer = transport.mayBlock()
                    ? outbox.offerData(entry, transport.clock().nanoTime() + transport.timeouts().sendTimeout().toNanos())
                    : Outbox.Offer.TIMED_OUT;
        }
        switch (offer) {
            case QUEUED -> {
                if (active != null) {
                    scheduleDrain();
                } else {
                    synchronized (this) {
                        scheduleExpiry();
                    }
                }
            }
            case TIMED_OUT -> {
                transport.counters().queueFull.increment();
                Channel channel = active;
                if (channel != null && transport.mayBlock()) {
                    lose(channel, "outbound queue full for " + transport.timeouts().sendTimeout().toMillis()
                            + " ms (timeouts.sendTimeout): the peer does not keep up");
                }
            }
            case INTERRUPTED -> transport.counters().queueFull.increment(); // e.g. a killed process
            case CLOSED -> transport.counters().undeliverable.increment();
            case FULL -> throw new AssertionError("resolved above");
        }
    }

    boolean watch(Address target, Address watcher) {
        Channel channel = active;
        NodeId connected = peer;
        if (channel == null || connected == null) {
            return false;
        }
        if (connected.incarnation() != target.node().incarnation()) {
            context().closed(target, watcher, Reason.NO_PROC);
            return true;
        }
        control(channel, new Frame.Watch(target.node().incarnation(), target.id(), watcher.id()));
        return true;
    }

    void unwatch(Address target, Address watcher) {
        Channel channel = active;
        if (channel != null) {
            control(channel, new Frame.Unwatch(target.node().incarnation(), target.id(), watcher.id()));
        }
    }

    void notifyClosed(Address target, Address watcher, Object reason) {
        Channel channel = active;
        NodeId connected = peer;
        if (channel == null || connected == null || connected.incarnation() != watcher.node().incarnation()) {
            return; // the peer sees this node's loss, or the watcher's run is gone
        }
        control(channel, new Frame.Closed(target.id(), watcher.node().incarnation(), watcher.id(),
                transport.encodeReason(reason)));
    }

    private void control(Channel channel, Frame frame) {
        long currentEpoch = epoch;
        if (active != channel) {
            return;
        }
        Outbox.Entry entry = new Outbox.Entry(frame, frame.size(), transport.clock().nanoTime(), currentEpoch, 0);
        if (outbox.offerControl(entry)) {
            scheduleDrain();
        } else {
            lose(channel, "outbound queue past twice its bound with control frames: the peer does not keep up");
        }
    }

    private void scheduleExpiry() {
        // holds this
        if (closed || active != null || expiryTimer != null) {
            return;
        }
        long oldest = outbox.oldestEnqueuedAt(lostAt);
        if (oldest == Long.MIN_VALUE) {
            return;
        }
        long wait = transport.timeouts().undeliverableWait().toNanos();
        long delay = Math.max(0, oldest + wait - transport.clock().nanoTime());
        expiryTimer = transport.schedule(Duration.ofNanos(delay), this::expire);
    }

    private void expire() {
        synchronized (this) {
            expiryTimer = null;
            if (active != null) {
                return;
            }
            long cutoff = transport.clock().nanoTime() - transport.timeouts().undeliverableWait().toNanos();
            int dropped = outbox.dropOlderThan(cutoff, lostAt);
            if (dropped > 0) {
                transport.counters().undeliverable.add(dropped);
                LOG.debug("{}: dropped {} messages for unreachable {}", transport.self(), dropped, member.name());
            }
            scheduleExpiry();
        }
    }

    /** A local claim changed; called under the registry's lock: enqueues, never waits. */
    void claimChanged(NameClaim claim, boolean claimed) {
        if (names.changed(claim, claimed)) {
            scheduleDrain();
        }
    }

    /** Makes sure a drain runs on the connection's event loop; never waits. */
    void scheduleDrain() {
        Channel channel = active;
        // Read before the CAS: under a stream of sends a drain is nearly always pending already.
        if (channel != null && !drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(() -> drain(channel));
            } catch (RejectedExecutionException shuttingDown) {
                drainScheduled.set(false); // the network is closing: the connection goes with it
            }
        }
    }

    /** Writes queued frames while the connection is writable; runs on its event loop only. */
    private void drain(Channel channel) {
        drainScheduled.set(false);
        long currentEpoch;
        long incarnation;
        synchronized (this) { // the connection, its epoch and peer as one
            if (active != channel) {
                scheduleDrain(); // a newer connection may be waiting for its first drain
                return;
            }
            currentEpoch = epoch;
            incarnation = peer.incarnation();
        }
        int maxNames = Math.min(transport.limits().maxFrameSize(), NAMES_FRAME_BYTES);
        FrameBatch batch = new FrameBatch(channel, FLUSH_EVERY_BYTES);
        long sent = 0; // counted once per drain: the counter is shared with every other peer's loop
        try {
            while (channel.isWritable()) {
                if (batch.bytes() >= DRAIN_BATCH_BYTES) {
                    // Senders may keep the queue full forever: yield the event loop so that it also
                    // reads (heartbeats!) and serves its other connections, then carry on. A scheduled
                    // task (unlike execute) runs only after the loop's next round of I/O.
                    batch.flush();
                    if (!drainScheduled.getAndSet(true)) {
                        channel.eventLoop().schedule(() -> drain(channel), 0, TimeUnit.NANOSECONDS);
                    }
                    return;
                }
                Frame nameFrame = names.next(currentEpoch, maxNames);
                if (nameFrame != null) {
                    batch.add(nameFrame);
                    continue;
                }
                Outbox.Entry entry = outbox.poll();
                if (entry == null) {
                    break;
                }
                // Claims made between the look at the feed above and this poll may precede the entry.
                while ((nameFrame = names.next(currentEpoch, maxNames)) != null) {
                    batch.add(nameFrame);
                }
                if (entry.isData()) {
                    if (entry.targetIncarnation() != incarnation) {
                        transport.counters().stale.increment();
                        continue;
                    }
                    sent++;
                } else if (entry.epoch() != currentEpoch) {
                    continue;
                }
                batch.add(entry.frame());
            }
            batch.flush();
        } catch (RuntimeException e) {
            // A frame that cannot be encoded: as a failed write, the connection is given up.
            batch.discard();
            channel.pipeline().fireExceptionCaught(e);
        } finally {
            transport.counters().sent.add(sent);
        }
    }

    // ---- receiving ----------------------------------------------------------------------------

    /**
     * A frame arrived on an adopted connection; runs on its event loop. {@code theirNames},
     * {@code lastTarget} and {@code wakes} are that connection's. Throws on a malformed payload or a
     * names frame out of place.
     */
    void received(Channel channel, Frame frame, RemoteNames theirNames, LastTarget lastTarget, DeferredWakes wakes) {
        if (active != channel) {
            return; // a replaced connection's last frames
        }
        TransportContext context = context();
        NodeId remote = peer;
        switch (frame) {
            case Frame.Heartbeat heartbeat -> { }
            case Frame.Send send -> {
                Address to = lastTarget.resolve(send.targetIncarnation(), send.targetId());
                Object message = transport.decode(send.payload());
                transport.counters().received.increment();
                context.deliver(to, message, wakes);
            }
            case Frame.Watch watch -> context.watch(transport.localAddress(watch.targetIncarnation(), watch.targetId()),
                    context.address(remote, watch.watcherId()));
            case Frame.Unwatch unwatch -> context.unwatch(
                    transport.localAddress(unwatch.targetIncarnation(), unwatch.targetId()),
                    context.address(remote, unwatch.watcherId()));
            case Frame.Closed closed -> context.closed(context.address(remote, closed.targetId()),
                    transport.localAddress(closed.watcherIncarnation(), closed.watcherId()),
                    transport.decode(closed.reason()));
            case Frame.Leave leave -> lose(channel, "the node left the cluster");
            case Frame.NameSync sync -> theirNames.received(sync);
            case Frame.NameChanges changes -> theirNames.received(changes);
            case Frame.Hello hello -> throw new IllegalStateException("a Hello frame after the handshake");
            case Frame.Reject reject -> throw new IllegalStateException("a Reject frame after the handshake");
        }
    }

    /**
     * Bytes arrived on {@code channel} (the end of one read from the socket): the peer is alive.
     * Once per read rather than per frame, so the clock is not read for every message.
     */
    void heard(Channel channel) {
        if (active == channel) {
            lastHeard = transport.clock().nanoTime();
        }
    }

    // ---- leaving ------------------------------------------------------------------------------

    /**
     * Leaves: flushes what can be, says Leave, closes; no more dials.
     *
     * @return the close futures of the connection and of a dial in progress, to wait for
     */
    List<ChannelFuture> leave() {
        Channel channel;
        Channel dial;
        synchronized (this) {
            closed = true;
            cancel(redialTimer);
            redialTimer = null;
            cancel(expiryTimer);
            expiryTimer = null;
            channel = active;
            dial = dialChannel;
        }
        List<ChannelFuture> closing = new ArrayList<>();
        if (dial != null) {
            closing.add(dial.close());
        }
        if (channel == null) {
            transport.counters().undeliverable.add(outbox.close());
            return closing;
        }
        channel.eventLoop().execute(() -> {
            drain(channel);
            channel.writeAndFlush(Frame.Leave.INSTANCE).addListener(ChannelFutureListener.CLOSE);
            transport.counters().undeliverable.add(outbox.close());
        });
        closing.add(channel.closeFuture());
        return closing;
    }

    /**
     * The member was removed: no more dials, its connection closes (the node goes down here) and
     * its queued messages are dropped and counted.
     */
    void remove() {
        Channel channel;
        Channel dial;
        synchronized (this) {
            closed = true;
            cancel(redialTimer);
            redialTimer = null;
            cancel(expiryTimer);
            expiryTimer = null;
            channel = active;
            dial = dialChannel;
        }
        if (dial != null) {
            dial.close();
        }
        if (channel != null) {
            lose(channel, "removed from the membership");
        }
        transport.counters().undeliverable.add(outbox.close());
    }

    private static void cancel(Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
