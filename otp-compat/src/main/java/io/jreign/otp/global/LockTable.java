package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The locks of {@code global} on this node: Erlang's {@code global_locks} table. A lock id is
 * {@code {ResourceId, LockRequesterId}}; a resource is held by one requester id at a time, by
 * any number of holder pids (each holder sets it once). The resource {@code global} is the lock
 * every name change and every node sync takes.
 *
 * <p>Thread-safe: the name server changes it, its locker reads it (as erl's locker reads the ETS
 * table).
 */
final class LockTable {
    /** What {@link #set} did. */
    enum SetResult { REFUSED, ALREADY_HELD, ADDED }

    private record Lock(Object requesterId, Set<Address> holders) {}

    private final Map<Object, Lock> locks = new HashMap<>();
    private final int maxLocks;
    private boolean globalLockDown;

    LockTable(int maxLocks) {
        this.maxLocks = maxLocks;
    }

    /** {@code can_set_lock/1}: the resource is free or held by the same requester id. */
    synchronized boolean canSet(Object resourceId, Object requesterId) {
        Lock lock = locks.get(resourceId);
        return lock == null || Objects.equals(lock.requesterId(), requesterId);
    }

    /** Whether the resource {@code global} is locked: the locker waits while it is. */
    synchronized boolean globalLockSet() {
        return locks.containsKey(GlobalTerms.GLOBAL);
    }

    /** {@code handle_set_lock/3}: {@code holder} sets {@code {resourceId, requesterId}}. */
    synchronized SetResult set(Object resourceId, Object requesterId, Address holder) {
        Lock lock = locks.get(resourceId);
        if (lock == null) {
            if (locks.size() >= maxLocks) {
                return SetResult.REFUSED;
            }
            lock = new Lock(requesterId, new LinkedHashSet<>());
            locks.put(resourceId, lock);
        } else if (!Objects.equals(lock.requesterId(), requesterId)) {
            return SetResult.REFUSED;
        }
        return lock.holders().add(holder) ? SetResult.ADDED : SetResult.ALREADY_HELD;
    }

    /**
     * {@code handle_del_lock/3}: {@code holder} releases {@code {resourceId, requesterId}}; the
     * resource is free once its last holder is gone.
     *
     * @return whether {@code holder} held it
     */
    synchronized boolean delete(Object resourceId, Object requesterId, Address holder) {
        Lock lock = locks.get(resourceId);
        if (lock == null || !Objects.equals(lock.requesterId(), requesterId) || !lock.holders().remove(holder)) {
            return false;
        }
        if (lock.holders().isEmpty()) {
            locks.remove(resourceId);
            if (GlobalTerms.GLOBAL.equals(resourceId)) {
                globalLockDown = false;
            }
        }
        return true;
    }

    /**
     * A holder is gone (its monitor fired): it releases everything it held. A {@code global}
     * resource freed this way marks the lock as gone down, which makes name inserts that relied
     * on it void (as erl's {@code global_lock_down}).
     *
     * @return how many locks it held
     */
    synchronized int holderDown(Address holder) {
        int held = 0;
        for (var it = locks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Object, Lock> entry = it.next();
            if (entry.getValue().holders().remove(holder)) {
                held++;
                if (entry.getValue().holders().isEmpty()) {
                    it.remove();
                    if (GlobalTerms.GLOBAL.equals(entry.getKey())) {
                        globalLockDown = true;
                    }
                }
            }
        }
        return held;
    }

    /** {@code lock_still_set/3} for a pid: the {@code global} lock is held by {@code holder}, or free and not gone down. */
    synchronized boolean stillSetFor(Address holder) {
        Lock lock = locks.get(GlobalTerms.GLOBAL);
        return lock == null ? !globalLockDown : lock.holders().contains(holder);
    }

    /** {@code lock_still_set/3} for a node: the {@code global} lock is held for {@code requesterId}, or free and not gone down. */
    synchronized boolean stillSetForRequester(Object requesterId) {
        Lock lock = locks.get(GlobalTerms.GLOBAL);
        return lock == null ? !globalLockDown : Objects.equals(lock.requesterId(), requesterId);
    }

    /** Every holder of any lock, for tests and diagnostics. */
    synchronized List<Address> holders() {
        List<Address> all = new ArrayList<>();
        locks.values().forEach(lock -> all.addAll(lock.holders()));
        return all;
    }

    /** The number of locked resources. */
    synchronized int size() {
        return locks.size();
    }
}
