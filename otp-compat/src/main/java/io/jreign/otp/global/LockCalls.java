package io.jreign.otp.global;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Taking and releasing a global lock on several nodes, from a process that is not the name
 * server (the locker, a registrar): erl's {@code set_lock_on_nodes/2}, {@code del_lock/2} and
 * {@code delete_global_lock/2}. A lock id is {@code {ResourceId, LockRequesterId}}; the caller
 * becomes a holder on every node that grants it.
 */
final class LockCalls {
    private final GlobalWire wire;
    private final LockTable localLocks;

    LockCalls(GlobalWire wire, LockTable localLocks) {
        this.wire = wire;
        this.localLocks = localLocks;
    }

    /** Whether this node's table would grant {@code lockId} ({@code can_set_lock/1}). */
    boolean canSetHere(Tuple lockId) {
        return localLocks.canSet(lockId.get(0), lockId.get(1));
    }

    /**
     * {@code set_lock_on_nodes/2}: the lock on every node of {@code nodes} that answers, or on
     * none (those that granted it release it again). A node that does not answer counts as
     * granting, as in erl.
     */
    boolean set(Tuple lockId, List<String> nodes) {
        if (nodes.isEmpty()) {
            return true;
        }
        if (nodes.size() > 1 && nodes.contains(wire.selfNode()) && !canSetHere(lockId)) {
            return false;
        }
        Map<String, Object> replies = wire.multiCall(nodes, Tuple.of(GlobalTerms.SET_LOCK, lockId));
        List<String> granted = replies.entrySet().stream().filter(e -> Atom.TRUE.equals(e.getValue()))
                .map(Map.Entry::getKey).toList();
        if (granted.size() == replies.size()) {
            return true;
        }
        if (replies.size() > 1) {
            delete(lockId, granted);
        }
        return false;
    }

    /** {@code del_lock/2}. */
    void delete(Tuple lockId, List<String> nodes) {
        wire.multiCall(nodes, Tuple.of(GlobalTerms.DEL_LOCK, lockId));
    }

    /** {@code delete_global_lock/2}: the boss (the greatest node name) last, so it stays taken until the rest is free. */
    void deleteGlobalLock(Tuple lockId, List<String> nodes) {
        String boss = Collections.max(nodes);
        List<String> others = new ArrayList<>(nodes);
        others.remove(boss);
        delete(lockId, others);
        delete(lockId, List.of(boss));
    }
}
