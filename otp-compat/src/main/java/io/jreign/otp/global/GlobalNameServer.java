package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.NodeId;
import io.jreign.otp.dist.DistFlags;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.From;
import io.jreign.otp.gen.Result;
import io.jreign.otp.gen.Server;
import io.jreign.otp.process.Down;
import io.jreign.otp.process.Proc;
import io.jreign.otp.process.ProcessTable;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java {@code global_name_server}: the process erl's global talks to on every visible node.
 * It answers the calls other nodes' global makes ({@code set_lock}, {@code del_lock},
 * {@code register}, ...), runs the sync protocol with each visible Erlang (or jreign) node
 * ({@link NodeSync}) with its {@link GlobalLocker}, and keeps the names and locks tables.
 *
 * <pre>
 *  calls   {set_lock, {ResourceId, ReqId}}        -> true | false   (the caller holds it)
 *          {del_lock, {ResourceId, ReqId}}        -> true
 *          {register, Name, Pid, Method}          -> yes            (kept if the caller's lock still holds)
 *          {register_ext, Name, Pid, Method, Node}-> yes
 *          {unregister, Name}                     -> ok
 *          {sync, Nodes}                          -> ok once each node is synced or down
 *          get_known | get_synced | get_protocol_version | get_names_ext
 *  casts   init_connect, lock_is_set, exchange, resolved, new_nodes, in_sync, lock_set (see NodeSync)
 *  infos   init_connect_ack, cancel_connect, lost_connection, remove_connection, prepare_shutdown,
 *          DOWN of name and lock holders, node up/down of visible DIST peers
 * </pre>
 * A message of an unknown shape is logged and ignored, never fatal: peers are authenticated, not
 * trusted. A hidden node takes no part (erl's global does not see hidden connections).
 */
final class GlobalNameServer implements Server<Void> {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalNameServer.class);

    private final ProcessTable table;
    private final DistTransport dist;
    private final GlobalConfig config;
    private final NameTable names;
    private final LockTable locks;
    private final Map<String, Long> visible = new HashMap<>();
    private GlobalState state;
    private NodeSync sync;
    private PartitionGuard guard;
    private Syncers syncers;

    GlobalNameServer(ProcessTable table, GlobalConfig config, NameTable names, LockTable locks) {
        this.table = table;
        this.dist = table.dist();
        this.config = config;
        this.names = names;
        this.locks = locks;
    }

    /** The synced nodes now. */
    Set<String> syncedNodes() {
        GlobalState s = state;
        return s == null ? Set.of() : s.syncedSnapshot;
    }

    @Override
    public Void init(Proc self, Object args) {
        GlobalWire wire = new GlobalWire(self, dist, config.callTimeout());
        var entropy = table.node().entropy().split("global");
        Address locker = table.spawn(null, lockerProc -> new GlobalLocker(
                new GlobalWire(lockerProc, dist, config.callTimeout()), locks, entropy.split("locker")).run());
        PidWatches watches = new PidWatches(self, dist, table.node().scheduler());
        state = new GlobalState(dist.self().name(), wire, locker, names, locks, watches, config.maxKnownNodes());
        syncers = new Syncers(self);
        guard = new PartitionGuard(state, table.node(), dist, entropy);
        sync = new NodeSync(state, dist, table.node().scheduler(), new ConflictMethods(table, config.callTimeout()),
                syncers, guard);
        guard.onRemove(node -> sync.nodeDown(node, NodeSync.NodeDown.REMOVE_CONNECTION));
        table.node().monitorNodes(self.self());
        return null;
    }

    @Override
    public Result<Void> handleCall(Object request, From from, Void none) {
        Object reply = guarded(request, r -> call(r, from));
        return reply == null ? Result.noreply(none) : Result.reply(reply, none);
    }

    @Override
    public Result<Void> handleCast(Object message, Void none) {
        guarded(message, m -> {
            cast(m);
            return null;
        });
        return Result.noreply(none);
    }

    @Override
    public Result<Void> handleInfo(Object message, Void none) {
        guarded(message, m -> {
            info(m);
            return null;
        });
        return Result.noreply(none);
    }

    private Object guarded(Object message, Function<Object, Object> handler) {
        try {
            return handler.apply(message);
        } catch (RuntimeException e) {
            LOG.warn("The global_name_server ignores a message it cannot handle: {} ({})", message, e.toString());
            return null;
        }
    }

    // ---- calls --------------------------------------------------------------------------------

    /** The reply, or null for none (as erl's server, which ignores unknown calls). */
    private Object call(Object request, From from) {
        Atom tag = GlobalTerms.tag(request);
        if (tag == null) {
            return simpleCall(request);
        }
        Tuple t = (Tuple) request;
        switch (tag.name()) {
            case "register" -> {
                requireSize(t, 4);
                state.insertName(t.get(1), pid(t.get(2)), t.get(3), from.pid(), null);
                return GlobalTerms.YES;
            }
            case "register_ext" -> {
                requireSize(t, 5);
                state.insertName(t.get(1), pid(t.get(2)), t.get(3), from.pid(), null);
                return GlobalTerms.YES;
            }
            case "unregister" -> {
                requireSize(t, 2);
                state.deleteName(t.get(1));
                return Atom.OK;
            }
            case "set_lock" -> {
                Tuple id = lockId(t);
                LockTable.SetResult result = locks.set(id.get(0), id.get(1), from.pid());
                if (result == LockTable.SetResult.ADDED) {
                    state.watches.watch(from.pid());
                }
                return Atom.of(result != LockTable.SetResult.REFUSED);
            }
            case "del_lock" -> {
                Tuple id = lockId(t);
                if (locks.delete(id.get(0), id.get(1), from.pid())) {
                    state.watches.unwatch(from.pid());
                }
                return Atom.TRUE;
            }
            case "sync" -> {
                requireSize(t, 2);
                Set<String> waiting = new LinkedHashSet<>(GlobalTerms.nodeNames(t.get(1)));
                waiting.remove(state.self);
                waiting.removeAll(state.synced);
                waiting.removeIf(n -> !visible.containsKey(n) && !isVisiblePeer(n)); // its nodeup may be on its way
                syncers.add(from, waiting);
                return null;
            }
            default -> {
                LOG.warn("The global_name_server received an unexpected call: {} from {}", request, from);
                return null;
            }
        }
    }

    private Object simpleCall(Object request) {
        if (GlobalTerms.GET_KNOWN.equals(request)) {
            return state.knownList(GlobalTerms.VERSION);
        } else if (GlobalTerms.GET_SYNCED.equals(request)) {
            return GlobalTerms.atoms(state.synced);
        } else if (GlobalTerms.GET_PROTOCOL_VERSION.equals(request)) {
            return GlobalTerms.VERSION;
        } else if (GlobalTerms.GET_NAMES_EXT.equals(request)) {
            return List.of();
        }
        LOG.warn("The global_name_server received an unexpected call: {}", request);
        return null;
    }

    // ---- casts --------------------------------------------------------------------------------

    private void cast(Object message) {
        Atom tag = GlobalTerms.tag(message);
        Tuple t = tag == null ? null : (Tuple) message;
        switch (tag == null ? "" : tag.name()) {
            case "init_connect" -> sync.initConnect(requireSize(t, 4));
            case "lock_is_set" -> sync.lockIsSet(requireSize(t, 4));
            case "exchange" -> sync.exchange(requireSize(t, 5));
            case "resolved" -> sync.resolved(requireSize(t, 7));
            case "new_nodes" -> sync.newNodes(requireSize(t, 6));
            case "in_sync" -> sync.inSync(requireSize(t, 3));
            case "lock_set" -> sync.lockSet(t.size() == 4 ? t : requireSize(t, 5));
            case "async_del_name", "async_del_lock" -> { }
            default -> LOG.warn("The global_name_server received an unexpected cast: {}", message);
        }
    }

    // ---- infos --------------------------------------------------------------------------------

    private void info(Object message) {
        switch (message) {
            case Down down -> {
                Address pid = state.watches.down(down);
                if (pid != null) {
                    state.holderGone(pid);
                }
            }
            case NodeEvent.Up up -> nodeUp(up.node());
            case NodeEvent.Down down -> nodeDown(down.node());
            case NodeSync.ExchangeOps ops -> sync.exchangeOps(ops);
            case NodeSync.ExtraNodeDown extra -> {
                syncers.done(extra.node());
                sync.nodeDown(extra.node(), NodeSync.NodeDown.DISCONNECTED);
            }
            case PidWatches.NodeReachable reachable -> state.watches.reachable(reachable).forEach(state::holderGone);
            case PartitionGuard.Forget forget -> guard.forget(forget);
            case Tuple t when GlobalTerms.is(t, GlobalTerms.INIT_CONNECT_ACK, 4) -> sync.initConnectAck(t);
            case Tuple t when GlobalTerms.is(t, GlobalTerms.CANCEL_CONNECT, 3) -> sync.cancelConnect(t);
            case Tuple t when GlobalTerms.is(t, GlobalTerms.LOST_CONNECTION, 5) -> guard.lostConnection(t);
            case Tuple t when GlobalTerms.is(t, GlobalTerms.REMOVE_CONNECTION, 2) -> guard.removeConnection(t);
            case Tuple t when GlobalTerms.is(t, GlobalTerms.PREPARE_SHUTDOWN, 3) -> {
                if (t.get(1) instanceof Address from) {
                    state.wire.send(from, Tuple.of(t.get(2), Atom.OK));
                }
            }
            default -> LOG.warn("The global_name_server received an unexpected message: {}", message);
        }
    }

    /** Whether {@code node} is connected and published (a node erl's global would sync with). */
    private boolean isVisiblePeer(String node) {
        OptionalLong flags = dist.peerFlags(node);
        return !config.hidden() && flags.isPresent() && DistFlags.has(flags.getAsLong(), DistFlags.PUBLISHED);
    }

    /** A node connected: erl's global starts syncing with visible nodes only. */
    private void nodeUp(NodeId node) {
        if (node.name().equals(state.self) || !isVisiblePeer(node.name())) {
            return;
        }
        visible.put(node.name(), node.incarnation());
        sync.nodeUp(node.name());
    }

    private void nodeDown(NodeId node) {
        Long incarnation = visible.get(node.name());
        if (incarnation == null || incarnation != node.incarnation()) {
            return; // hidden, not ours, or an older connection than the current one
        }
        visible.remove(node.name());
        syncers.done(node.name());
        sync.nodeDown(node.name(), NodeSync.NodeDown.DISCONNECTED);
    }

    // ---- shapes -------------------------------------------------------------------------------

    private static Tuple requireSize(Tuple t, int size) {
        if (t.size() != size) {
            throw new GlobalTerms.BadMessage("expected " + size + " elements", t);
        }
        return t;
    }

    private static Tuple lockId(Tuple request) {
        requireSize(request, 2);
        if (request.get(1) instanceof Tuple id && id.size() == 2) {
            return id;
        }
        throw new GlobalTerms.BadMessage("not a lock id {ResourceId, LockRequesterId}", request.get(1));
    }

    private static Address pid(Object term) {
        if (term instanceof Address pid) {
            return pid;
        }
        throw new GlobalTerms.BadMessage("not a pid", term);
    }
}
