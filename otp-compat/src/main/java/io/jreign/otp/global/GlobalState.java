package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name server's state (erl's {@code #state{}} and its process dictionary): the nodes it
 * knows and syncs, the names and locks, the monitors on their holders. Only the name server's
 * process touches it, except the tables that are readable from anywhere.
 */
final class GlobalState {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalState.class);

    final String self;
    final GlobalWire wire;
    final Address locker;
    final NameTable names;
    final LockTable locks;
    final PidWatches watches;
    final int maxKnownNodes;
    /** Nodes synced or learnt about, with their protocol version (0: not known yet). */
    final Map<String, Long> known = new LinkedHashMap<>();
    /** Nodes a sync is under way with ({@code {pending, Node}}), with their version. */
    final Map<String, Long> pending = new HashMap<>();
    /** Nodes we asked to disconnect ({@code {removing, Node}}): their nodedown is expected. */
    final Set<String> removing = new LinkedHashSet<>();
    final Set<String> synced = new LinkedHashSet<>();
    /** The node each "resolver" (an accepted init_connect of ours) is for, with its tag. */
    final Map<String, Object> resolvers = new HashMap<>();
    final Map<String, PeerState> peers = new HashMap<>();
    private long lastTag;
    /** Published to {@link Global#syncedNodes()}. */
    volatile Set<String> syncedSnapshot = Set.of();

    GlobalState(String self, GlobalWire wire, Address locker, NameTable names, LockTable locks, PidWatches watches,
                int maxKnownNodes) {
        this.self = self;
        this.wire = wire;
        this.locker = locker;
        this.names = names;
        this.locks = locks;
        this.watches = watches;
        this.maxKnownNodes = maxKnownNodes;
    }

    /** {@code erlang:unique_integer([monotonic])}: the tags of connection attempts. */
    Long nextTag() {
        return ++lastTag;
    }

    PeerState peer(String node) {
        return peers.computeIfAbsent(node, n -> new PeerState());
    }

    Object myTag(String node) {
        PeerState peer = peers.get(node);
        return peer == null ? null : peer.myTag;
    }

    /** {@code reset_node_state/1}. */
    void resetNodeState(String node) {
        peers.remove(node);
    }

    /** {@code node_vsn/2}. */
    long nodeVersion(String node) {
        if (node.equals(self)) {
            return GlobalTerms.VERSION;
        }
        Long vsn = known.get(node);
        if (vsn == null) {
            vsn = pending.get(node);
        }
        return vsn == null ? 0 : vsn;
    }

    boolean potentiallyKnown(String node) {
        return known.containsKey(node) || pending.containsKey(node);
    }

    void markSynced(String node) {
        synced.add(node);
        syncedSnapshot = Set.copyOf(synced);
    }

    void unmarkSynced(String node) {
        if (synced.remove(node)) {
            syncedSnapshot = Set.copyOf(synced);
        }
    }

    /** {@code mk_known_list/2}: node atoms for peers older than version 7, else {@code {Node, Vsn}}. */
    List<?> knownList(long peerVersion) {
        return peerVersion < 7 ? GlobalTerms.atoms(known.keySet()) : GlobalTerms.knownList(known);
    }

    /** {@code add_to_known/2}: the nodes that were not known before. */
    List<String> addToKnown(List<?> nodes) {
        List<String> added = new ArrayList<>();
        for (Object entry : nodes) {
            String node = entry instanceof Tuple t && t.size() == 2 ? GlobalTerms.node(t.get(0)) : GlobalTerms.node(entry);
            long vsn = entry instanceof Tuple t && t.size() == 2 ? GlobalTerms.integer(t.get(1)) : 0;
            if (node.equals(self)) {
                continue;
            }
            Long current = known.get(node);
            if (current == null) {
                if (known.size() >= maxKnownNodes) {
                    LOG.warn("global: ignoring node {}: {} nodes known already", node, maxKnownNodes);
                    continue;
                }
                added.addFirst(node);
                known.put(node, vsn);
            } else if (current < 0) {
                known.put(node, vsn);
            }
        }
        return added;
    }

    /** {@code make_node_vsn_list/2}: {@code {Node, Vsn}} pairs, filling in versions we know. */
    List<Tuple> nodeVersionList(List<?> nodes) {
        List<Tuple> list = new ArrayList<>();
        for (Object entry : nodes) {
            if (entry instanceof Tuple t && t.size() == 2 && !Long.valueOf(0).equals(t.get(1))) {
                list.add(Tuple.of(Atom.of(GlobalTerms.node(t.get(0))), GlobalTerms.integer(t.get(1))));
            } else {
                String node = entry instanceof Tuple t && t.size() == 2 ? GlobalTerms.node(t.get(0)) : GlobalTerms.node(entry);
                list.add(Tuple.of(Atom.of(node), nodeVersion(node)));
            }
        }
        return list;
    }

    // ---- names ---------------------------------------------------------------------------------

    /**
     * {@code ins_name/6}: registers {@code name} for {@code pid}, replacing any other holder, if
     * the lock that made the change is still held: by {@code fromPid} when a node registered it
     * through us ({@code fromNodeLock} null), or, for names that came with a sync
     * ({@code fromPid} null), for the requester in {@code fromNodeLock}.
     */
    void insertName(Object name, Address pid, Object method, Address fromPid, Object fromNodeLock) {
        deleteName(name);
        boolean lockStillSet = fromPid != null ? locks.stillSetFor(fromPid) : locks.stillSetForRequester(fromNodeLock);
        if (!lockStillSet) {
            return;
        }
        if (!names.hasRoom()) {
            LOG.warn("global: not registering {}: the name table is full", name);
            return;
        }
        names.put(new NameTable.Registration(name, pid, method));
        watches.watch(pid);
    }

    /** {@code delete_global_name2/2}. */
    void deleteName(Object name) {
        names.remove(name).ifPresent(old -> watches.unwatch(old.pid()));
    }

    /**
     * {@code do_ops/5}: the inserts and deletes a sync decided. {@code extraInfo} carries the lock
     * the sync held ({@code [{lock, {global, Requester}}, ...]}).
     */
    void doOps(List<?> ops, Object extraInfo) {
        Object requester = GlobalTerms.extraInfo(extraInfo, GlobalTerms.LOCK)
                .filter(lock -> lock instanceof Tuple t && t.size() == 2 && GlobalTerms.GLOBAL.equals(t.get(0)))
                .map(lock -> ((Tuple) lock).get(1)).orElse(null);
        List<Object> deletes = new ArrayList<>();
        for (Object op : ops) {
            if (GlobalTerms.is(op, GlobalTerms.INSERT, 2) && ((Tuple) op).get(1) instanceof Tuple entry && entry.size() == 3
                    && entry.get(1) instanceof Address pid) {
                insertName(entry.get(0), pid, entry.get(2), null, requester);
            } else if (GlobalTerms.is(op, GlobalTerms.DELETE, 2)) {
                deletes.add(((Tuple) op).get(1));
            } else {
                throw new GlobalTerms.BadMessage("not a global name operation", op);
            }
        }
        deletes.forEach(this::deleteName);
    }

    /** A holder of names and locks is gone. */
    void holderGone(Address pid) {
        names.removePid(pid);
        locks.holderDown(pid);
    }
}
