package io.jreign.mailbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Watches that cross to another node, indexed by that node (to fire or drop them all when it is
 * lost) and by watcher (to drop a closing watcher's watches). Removal is the single point that
 * decides who fires a watch, which is what makes every notification exactly once.
 */
final class WatchIndex {
    private final Function<WatchPair, NodeId> remoteNodeOf;
    private final Map<NodeId, Set<WatchPair>> byNode = new HashMap<>();
    private final Map<Address, Set<WatchPair>> byWatcher = new HashMap<>();
    /** Pairs on record; read without the lock so closing mailboxes skip an empty index. */
    private volatile int size;

    /** @param remoteNodeOf which side of a pair is on the other node */
    WatchIndex(Function<WatchPair, NodeId> remoteNodeOf) {
        this.remoteNodeOf = remoteNodeOf;
    }

    /** @return false if the pair was there already */
    synchronized boolean add(WatchPair pair) {
        if (!byNode.computeIfAbsent(remoteNodeOf.apply(pair), unused -> new LinkedHashSet<>()).add(pair)) {
            return false;
        }
        byWatcher.computeIfAbsent(pair.watcher(), unused -> new LinkedHashSet<>()).add(pair);
        size++;
        return true;
    }

    /** @return true if this call removed it, and so owns whatever removing it means */
    synchronized boolean remove(WatchPair pair) {
        Set<WatchPair> ofNode = byNode.get(remoteNodeOf.apply(pair));
        if (ofNode == null || !ofNode.remove(pair)) {
            return false;
        }
        if (ofNode.isEmpty()) {
            byNode.remove(remoteNodeOf.apply(pair));
        }
        removeFrom(byWatcher, pair.watcher(), pair);
        size--;
        return true;
    }

    /** Removes and returns every pair whose remote side is on {@code node}. */
    synchronized List<WatchPair> removeNode(NodeId node) {
        Set<WatchPair> ofNode = byNode.remove(node);
        if (ofNode == null) {
            return List.of();
        }
        for (WatchPair pair : ofNode) {
            removeFrom(byWatcher, pair.watcher(), pair);
        }
        size -= ofNode.size();
        return new ArrayList<>(ofNode);
    }

    /** Removes and returns every pair whose watcher is {@code watcher}. */
    List<WatchPair> removeWatcher(Address watcher) {
        if (size == 0) {
            return List.of(); // most mailboxes close with no cross-node watch: no lock
        }
        synchronized (this) {
            Set<WatchPair> ofWatcher = byWatcher.remove(watcher);
            if (ofWatcher == null) {
                return List.of();
            }
            for (WatchPair pair : ofWatcher) {
                removeFrom(byNode, remoteNodeOf.apply(pair), pair);
            }
            size -= ofWatcher.size();
            return new ArrayList<>(ofWatcher);
        }
    }

    int size() {
        return size;
    }

    private static <K> void removeFrom(Map<K, Set<WatchPair>> index, K key, WatchPair pair) {
        Set<WatchPair> set = index.get(key);
        if (set != null && set.remove(pair) && set.isEmpty()) {
            index.remove(key);
        }
    }
}
