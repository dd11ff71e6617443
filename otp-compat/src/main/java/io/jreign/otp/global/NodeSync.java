package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How two name servers sync when their nodes connect (global protocol version 8, OTP 25), after
 * erl's global.erl. Both sides run the same steps; {@code A} is us, {@code B} the peer.
 *
 * <pre>
 *  nodeup B        A -> B  cast {init_connect, {8, TagA}, A, {locker, no_longer_a_pid, Known, LockerA}}
 *  init_connect    A -> locker {his_the_locker, LockerB, ...};  A -> B  {init_connect_ack, A, TagB, TagA}
 *                  (an init_connect before our nodeup waits as pre_connect)
 *  one locker locks both sides and all known nodes (see {@link GlobalLocker}), then each side gets
 *  lock_is_set     A -> B  cast {exchange, A, Names, [], TagB}
 *  exchange        resolve B's names against ours off this thread ({@link NameExchange}), then
 *                  A -> B  cast {resolved, A, Resolved, KnownA, unused, [], TagB}
 *  resolved        apply both halves' operations, B is synced (sync/0 callers return), tell the
 *                  nodes we knew ({new_nodes, ...}) from the locker, connect to B's known nodes
 *                  and cast {in_sync, A, true} to them, release the lock
 *  a message with a stale tag cancels that attempt; cancel_connect / a bad init_connect_ack restart it
 * </pre>
 */
final class NodeSync {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSync.class);

    /** How a node left ({@code handle_nodedown/3}'s third argument). */
    enum NodeDown { DISCONNECTED, REMOVE_CONNECTION, IGNORE_NODE }

    /** The resolver's result for the name server ({@code {exchange_ops, Node, Tag, Ops, Resolved}}). */
    record ExchangeOps(String node, Object myTag, List<Object> ops, List<Object> resolved) {}

    /** A node named in a sync could not be connected ({@code {extra_nodedown, Node}}). */
    record ExtraNodeDown(String node) {}

    private final GlobalState state;
    private final DistTransport dist;
    private final Scheduler scheduler;
    private final NameExchange.Resolver resolver;
    private final Syncers syncers;
    private final PartitionGuard guard;

    NodeSync(GlobalState state, DistTransport dist, Scheduler scheduler, NameExchange.Resolver resolver,
             Syncers syncers, PartitionGuard guard) {
        this.state = state;
        this.dist = dist;
        this.scheduler = scheduler;
        this.resolver = resolver;
        this.syncers = syncers;
        this.guard = guard;
    }

    /** {@code handle_nodeup/2}: start syncing with a visible node we do not know yet. */
    void nodeUp(String node) {
        if (state.known.containsKey(node) || state.resolvers.containsKey(node)) {
            return;
        }
        resendPreConnect(node);
        Object myTag = state.nextTag();
        state.peer(node).myTag = myTag;
        Map<Atom, Long> known = new LinkedHashMap<>();
        state.known.forEach((n, v) -> known.put(Atom.of(n), v));
        Tuple lockerInfo = Tuple.of(GlobalTerms.LOCKER, GlobalTerms.NO_LONGER_A_PID, known, state.locker);
        state.wire.cast(node, Tuple.of(GlobalTerms.INIT_CONNECT, Tuple.of(GlobalTerms.VERSION, myTag),
                Atom.of(state.self), lockerInfo));
        state.resolvers.put(node, myTag);
    }

    private void resendPreConnect(String node) {
        PeerState peer = state.peers.get(node);
        if (peer != null && peer.preConnect != null) {
            PeerState.PreConnect pre = peer.preConnect;
            peer.preConnect = null;
            state.wire.cast(state.self, Tuple.of(GlobalTerms.INIT_CONNECT, Tuple.of(pre.vsn(), pre.hisTag()),
                    Atom.of(node), pre.initMessage()));
        }
    }

    /** {@code {init_connect, Vsn, Node, InitMsg}}. */
    void initConnect(Tuple message) {
        String node = GlobalTerms.node(message.get(2));
        Object initMessage = message.get(3);
        if (!(message.get(1) instanceof Tuple vsn) || vsn.size() < 2) {
            LOG.info("Illegal global protocol version {} Node: {}", message.get(1), node);
            return;
        }
        long hisVsn = GlobalTerms.integer(vsn.get(0));
        Object hisTag = vsn.get(1);
        long useVsn = vsn.size() > 2 ? GlobalTerms.VERSION : Math.min(hisVsn, GlobalTerms.VERSION);
        if (state.pending.containsKey(node)) {
            if (hisVsn < 8) {
                LOG.error("'global' at node {} got an out of sync connection attempt from old version {} node {}."
                        + " Disconnecting from it.", state.self, hisVsn, node);
                disconnect(node);
                return;
            }
            sendCancelConnectMessage(node, hisTag);
            restartConnect(node, state.myTag(node));
        }
        PeerState peer = state.peer(node);
        peer.protocolVersion = useVsn;
        peer.hisTag = hisTag;
        Object myTag = state.resolvers.get(node);
        if (myTag == null) {
            peer.preConnect = new PeerState.PreConnect(useVsn, initMessage, hisTag);
            return;
        }
        if (!(initMessage instanceof Tuple info && info.size() == 4 && info.get(3) instanceof Address hisLocker)) {
            throw new GlobalTerms.BadMessage("init_connect without a locker", initMessage);
        }
        state.locker.send(new GlobalLocker.HisTheLocker(hisLocker, useVsn, hisTag, myTag));
        if (hisVsn >= 8) {
            state.wire.send(node, Tuple.of(GlobalTerms.INIT_CONNECT_ACK, Atom.of(state.self), hisTag, myTag));
        }
        state.pending.put(node, hisVsn);
    }

    /** {@code {init_connect_ack, Node, HisMyTag, HisHisTag}}: both tags must be the current ones. */
    void initConnectAck(Tuple message) {
        String node = GlobalTerms.node(message.get(1));
        PeerState peer = state.peers.get(node);
        Object myTag = peer == null ? null : peer.myTag;
        Object hisTag = peer == null ? null : peer.hisTag;
        if (!Objects.equals(myTag, message.get(2)) || !Objects.equals(hisTag, message.get(3))) {
            sendCancelConnectMessage(node, message.get(3));
            restartConnect(node, myTag);
        }
    }

    /** {@code {cancel_connect, Node, MyTag}}: the peer restarted the attempt. */
    void cancelConnect(Tuple message) {
        String node = GlobalTerms.node(message.get(1));
        Object myTag = message.get(2);
        if (Objects.equals(state.myTag(node), myTag)) {
            cancelLocker(node, myTag, null);
            state.resetNodeState(node);
            state.pending.remove(node);
            restartConnect(node, myTag);
        }
    }

    /** {@code {lock_set, Pid, Set, HisKnown[, MyTag]}}: for the locker, if it is about the current attempt. */
    void lockSet(Tuple message) {
        if (!(message.get(1) instanceof Address pid)) {
            throw new GlobalTerms.BadMessage("lock_set without a pid", message);
        }
        if (message.size() == 4 || Objects.equals(state.myTag(pid.node().name()), message.get(4))) {
            state.locker.send(message);
        }
    }

    /** {@code {lock_is_set, Node, MyTag, LockId}} from our locker: send our names. */
    void lockIsSet(Tuple message) {
        String node = GlobalTerms.node(message.get(1));
        Object myTag = message.get(2);
        if (!Objects.equals(state.myTag(node), myTag)) {
            cancelLocker(node, myTag, null);
            return;
        }
        PeerState peer = state.peer(node);
        state.wire.cast(node, Tuple.of(GlobalTerms.EXCHANGE, Atom.of(state.self), state.names.toTerms(), List.of(),
                peer.hisTag));
        peer.lockId = message.get(3);
        if (peer.waitLock instanceof PeerState.ExchangeWaiting waiting) {
            peer.waitLock = PeerState.LOCK_IS_SET;
            exchange(node, peer, waiting.names());
        } else {
            peer.waitLock = PeerState.LOCK_IS_SET;
        }
    }

    /** {@code {exchange, Node, NameList, NameExtList, MyTag}}: the peer's names. */
    void exchange(Tuple message) {
        String node = GlobalTerms.node(message.get(1));
        Object myTag = message.get(4);
        if (!Objects.equals(state.myTag(node), myTag)) {
            cancelLocker(node, myTag, null);
            return;
        }
        exchange(node, state.peer(node), GlobalTerms.list(message.get(2)));
    }

    private void exchange(String node, PeerState peer, List<?> names) {
        Object waitLock = peer.waitLock;
        peer.waitLock = null;
        if (waitLock != PeerState.LOCK_IS_SET) {
            peer.waitLock = new PeerState.ExchangeWaiting(names);
            return;
        }
        Object myTag = peer.myTag;
        Address server = state.wire.self().self();
        scheduler.start("global-resolver " + node, () -> {
            try {
                NameExchange.Result result = NameExchange.exchange(names, state.names, state.self, node, resolver);
                server.send(new ExchangeOps(node, myTag, result.ops(), result.resolved()));
            } catch (RuntimeException e) {
                LOG.warn("global: cannot resolve the names of {}: {}", node, e.toString());
            }
        });
    }

    /** The resolver is done: send our half, and finish if the peer's half is here. */
    void exchangeOps(ExchangeOps ops) {
        String node = ops.node();
        if (!Objects.equals(state.myTag(node), ops.myTag())) {
            cancelLocker(node, ops.myTag(), null);
            return;
        }
        PeerState peer = state.peer(node);
        state.wire.cast(node, Tuple.of(GlobalTerms.RESOLVED, Atom.of(state.self), ops.resolved(),
                state.knownList(state.nodeVersion(node)), GlobalTerms.UNUSED, List.of(), peer.hisTag));
        Object saved = peer.saveOps;
        peer.saveOps = ops.ops();
        if (saved instanceof PeerState.ResolvedWaiting his) {
            resolved(node, his.hisResolved(), his.hisKnown(), his.namesExt());
        }
    }

    /** {@code {resolved, Node, HisResolved, HisKnown, Unused, NamesExt, MyTag}}: the peer's half. */
    void resolved(Tuple message) {
        String node = GlobalTerms.node(message.get(1));
        Object myTag = message.get(6);
        if (!Objects.equals(state.myTag(node), myTag)) {
            cancelLocker(node, myTag, null);
            return;
        }
        PeerState peer = state.peer(node);
        List<?> hisResolved = GlobalTerms.list(message.get(2));
        if (peer.saveOps instanceof List<?>) {
            resolved(node, hisResolved, message.get(3), message.get(5));
        } else {
            peer.saveOps = new PeerState.ResolvedWaiting(message.get(3), message.get(5), hisResolved);
        }
    }

    /** {@code resolved/5}: both halves are here; the node is synced. */
    private void resolved(String node, List<?> hisResolved, Object hisKnown, Object namesExt) {
        PeerState peer = state.peer(node);
        List<Object> ops = new ArrayList<>((List<?>) peer.saveOps);
        ops.addAll(hisResolved);
        peer.saveOps = null;
        Map<String, Long> knownBefore = new LinkedHashMap<>(state.known);
        List<Object> nodes = new ArrayList<>(GlobalTerms.list(hisKnown));
        nodes.addFirst(Atom.of(node));
        List<Tuple> newNodes = state.nodeVersionList(nodes);
        List<String> hisKnownNodes = GlobalTerms.nodeNames(hisKnown);
        syncOthers(hisKnownNodes);
        List<Tuple> extraInfo = List.of(Tuple.of(GlobalTerms.VSN, peer.protocolVersion),
                Tuple.of(GlobalTerms.LOCK, peer.lockId == null ? Atom.UNDEFINED : peer.lockId));
        state.doOps(ops, extraInfo);
        state.markSynced(node); // before the syncers hear of it, so they see it synced
        syncers.done(node);
        for (String other : hisKnownNodes) {
            cancelResolvedLocker(other, null);
        }
        Tuple newNodesMessage = Tuple.of(GlobalTerms.NEW_NODES, Atom.of(state.self), ops, namesExt, newNodes, extraInfo);
        Tuple oldNewNodesMessage = Tuple.of(GlobalTerms.NEW_NODES, Atom.of(state.self), ops, namesExt,
                newNodes.stream().map(t -> t.get(0)).toList(), extraInfo);
        cancelResolvedLocker(node, locker -> knownBefore.forEach((n, vsn) ->
                locker.cast(n, vsn >= 7 ? newNodesMessage : oldNewNodesMessage)));
        List<String> added = state.addToKnown(newNodes);
        state.locker.send(new GlobalLocker.AddToKnown(added));
    }

    /** {@code {new_nodes, Node, Ops, NamesExt, Nodes, ExtraInfo}}: a node we know synced with others. */
    void newNodes(Tuple message) {
        List<String> added = state.addToKnown(GlobalTerms.list(message.get(4)));
        syncOthers(added);
        state.doOps(GlobalTerms.list(message.get(2)), message.get(5));
        state.locker.send(new GlobalLocker.AddToKnown(added));
    }

    /** {@code {in_sync, Node, IsKnown}}: a node that learnt of us through a third one counts as synced. */
    void inSync(Tuple message) {
        String node = GlobalTerms.node(message.get(1));
        state.markSynced(node);
        syncers.done(node);
        state.pending.remove(node);
        cancelLocker(node, state.myTag(node), null);
        state.resetNodeState(node);
    }

    /** {@code sync_others/1}: connect to nodes a peer knows and tell them we are in sync. */
    void syncOthers(List<String> nodes) {
        List<String> others = nodes.stream().filter(n -> !n.equals(state.self)).toList();
        if (others.isEmpty()) {
            return;
        }
        Address server = state.wire.self().self();
        scheduler.start("global-sync-others", () -> {
            for (String node : others) {
                if (dist.connect(node)) {
                    state.wire.cast(node, Tuple.of(GlobalTerms.IN_SYNC, Atom.of(state.self), Atom.TRUE));
                } else {
                    LOG.warn("'global' at {} failed to connect to {}", state.self, node);
                    server.send(new ExtraNodeDown(node));
                }
            }
        });
    }

    /** {@code handle_nodedown/3}. */
    void nodeDown(String node, NodeDown how) {
        cancelLocker(node, state.myTag(node), null);
        state.locker.send(new GlobalLocker.RemoveFromKnown(node));
        state.resetNodeState(node);
        switch (how) {
            case REMOVE_CONNECTION -> state.removing.add(node);
            case IGNORE_NODE -> state.removing.remove(node);
            case DISCONNECTED -> {
                if (!state.removing.remove(node)) {
                    guard.informConnectionLoss(node);
                }
            }
        }
        state.pending.remove(node);
        state.known.remove(node);
        state.unmarkSynced(node);
        syncers.done(node);
    }

    private void cancelResolvedLocker(String node, GlobalLocker.LockerTask task) {
        Object myTag = state.myTag(node);
        state.pending.remove(node);
        cancelLocker(node, myTag, task);
        state.resetNodeState(node);
    }

    /** {@code cancel_locker/4}: the locker drops the attempt (running {@code task} if it holds the lock for it). */
    void cancelLocker(String node, Object tag, GlobalLocker.LockerTask task) {
        state.locker.send(new GlobalLocker.Cancel(node, tag, task));
        sendCancelConnect(node, tag);
        if (tag != null && tag.equals(state.resolvers.get(node))) {
            state.resolvers.remove(node);
        }
    }

    private void sendCancelConnect(String node, Object myTag) {
        Long vsn = state.pending.get(node);
        PeerState peer = state.peers.get(node);
        if (vsn != null && vsn >= 8 && peer != null && Objects.equals(peer.myTag, myTag)) {
            sendCancelConnectMessage(node, peer.hisTag);
        }
    }

    private void sendCancelConnectMessage(String node, Object hisTag) {
        state.wire.send(node, Tuple.of(GlobalTerms.CANCEL_CONNECT, Atom.of(state.self), hisTag));
    }

    /** {@code restart_connect/3}. */
    void restartConnect(String node, Object myTag) {
        cancelLocker(node, myTag, null);
        state.resetNodeState(node);
        state.pending.remove(node);
        if (myTag != null) {
            nodeUp(node);
        }
    }

    private void disconnect(String node) {
        scheduler.start("global-disconnect " + node, () -> dist.disconnect(node));
    }
}
