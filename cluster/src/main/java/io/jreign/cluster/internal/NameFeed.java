package io.jreign.cluster.internal;

import io.jreign.mailbox.spi.NameClaim;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one peer still has to hear about this node's name claims, for the connection it serves:
 * first the full set (a {@link Frame.NameSync} in parts), then the changes since (in
 * {@link Frame.NameChanges}). The registry feeds it through {@link #open} and {@link #changed}, both
 * called under the registry's lock; the connection's drain takes frames with {@link #next}.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Order: every part of the sync is taken before any change, and changes are taken in the
 *       order they were made. A new connection {@linkplain #open opens} a new feed: nothing of the
 *       old connection's is taken for the new one.</li>
 *   <li>Bounded whatever the churn: for one (name, mailbox) the registry strictly alternates claim
 *       and release, so a pending change exists exactly while the registry differs from what the
 *       peer will know once it has what was taken; a second change to the same claim cancels the
 *       first. Pending changes are thus at most the live claims plus the claims the peer knows.</li>
 *   <li>Never waits: the monitor is a leaf lock, held for a few map operations only; nothing here
 *       calls into the node or blocks, as {@link io.jreign.mailbox.spi.Transport#claimChanged}
 *       requires.</li>
 * </ul>
 * Names the wire cannot carry (longer than {@link Frame#MAX_NAME_BYTES} in UTF-8, or not encodable)
 * stay local: see {@link #shareable}.
 */
final class NameFeed {
    private static final int NAME_SYNC_HEADER = 1 + 1 + 4;
    private static final int NAME_CHANGES_HEADER = 1 + 4;

    /** The connection served; {@code -1} when none (changes are then not kept: a sync will follow). */
    private long epoch = -1;
    /** The full set still being sent, or null once its last part was taken. */
    private List<NameClaim> sync;
    private int syncTaken;
    /** Net changes since the sync, oldest first: claim to whether it is now claimed. */
    private final LinkedHashMap<NameClaim, Boolean> changes = new LinkedHashMap<>();
    /**
     * Whether a sync part or a change may be waiting: written under the monitor, read without it
     * by {@link #next}, which the drain asks before every frame, mostly to hear "nothing".
     */
    private volatile boolean pending;

    /**
     * Whether {@code name} can travel: 1 to {@link Frame#MAX_NAME_BYTES} bytes of UTF-8 (so no lone
     * surrogate). Counted without allocating: the registry calls this under its lock.
     */
    static boolean shareable(String name) {
        int bytes = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                return false;
            }
            if (bytes > Frame.MAX_NAME_BYTES) {
                return false;
            }
        }
        return bytes > 0;
    }

    /** Starts serving connection {@code epoch} with the full set {@code claims}; called under the registry lock. */
    synchronized void open(long epoch, List<NameClaim> claims) {
        this.epoch = epoch;
        this.sync = claims.stream().filter(claim -> shareable(claim.name())).toList();
        this.syncTaken = 0;
        changes.clear();
        pending = true;
    }

    /** The connection ended: forgets everything until the next {@link #open}. */
    synchronized void close() {
        epoch = -1;
        sync = null;
        changes.clear();
    }

    /**
     * A local claim changed; called under the registry lock, in the registry's order.
     *
     * @return whether a new change is now pending (the connection should drain)
     */
    synchronized boolean changed(NameClaim claim, boolean claimed) {
        if (epoch < 0) {
            return false;
        }
        if (changes.remove(claim) != null) {
            return false; // it undoes a change the peer has not heard of yet
        }
        changes.put(claim, claimed);
        pending = true;
        return true;
    }

    /** The next frame for connection {@code epoch}, at most {@code maxFrameSize} large, or null if nothing is pending. */
    Frame next(long epoch, int maxFrameSize) {
        if (!pending) {
            return null; // a change made before this look is seen by the drain its maker scheduled
        }
        synchronized (this) {
            if (epoch != this.epoch) {
                return null;
            }
            Frame frame = sync != null ? nextSyncPart(maxFrameSize) : nextChanges(maxFrameSize);
            pending = sync != null || !changes.isEmpty();
            return frame;
        }
    }

    private Frame nextChanges(int maxFrameSize) {
        if (changes.isEmpty()) {
            return null;
        }
        List<Frame.Change> batch = new ArrayList<>();
        int size = NAME_CHANGES_HEADER;
        for (Iterator<Map.Entry<NameClaim, Boolean>> it = changes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<NameClaim, Boolean> entry = it.next();
            Frame.Change change = new Frame.Change(entry.getValue(), entry.getKey().address().id(), entry.getKey().name());
            if (!batch.isEmpty() && size + change.size() > maxFrameSize) {
                break;
            }
            batch.add(change);
            size += change.size();
            it.remove();
        }
        return new Frame.NameChanges(batch);
    }

    private Frame nextSyncPart(int maxFrameSize) {
        boolean first = syncTaken == 0;
        List<Frame.Claim> part = new ArrayList<>();
        int size = NAME_SYNC_HEADER;
        while (syncTaken < sync.size()) {
            NameClaim claim = sync.get(syncTaken);
            Frame.Claim entry = new Frame.Claim(claim.address().id(), claim.name());
            if (!part.isEmpty() && size + entry.size() > maxFrameSize) {
                break;
            }
            part.add(entry);
            size += entry.size();
            syncTaken++;
        }
        boolean last = syncTaken == sync.size();
        if (last) {
            sync = null;
        }
        return new Frame.NameSync(first, last, part);
    }

    /** Changes waiting now (the sync not counted), for tests and inspection. */
    synchronized int pendingChanges() {
        return changes.size();
    }
}
