package io.jreign.testkit.cluster;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.Reason;
import io.jreign.testkit.Simulation;
import io.jreign.testkit.check.MessageChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one watcher saw, on virtual time: close notifications and node down events; and the check
 * that every watch fired exactly once, with the real reason unless the target's node was lost.
 */
final class WatchLog {
    record Note(Address target, Object reason, long at) {}

    record Down(String node, long at) {}

    private final Simulation sim;
    private final Mailbox watcher;
    private final List<Note> notes = new ArrayList<>();
    private final List<Down> downs = new ArrayList<>();
    private final Map<Address, Long> watchedAt = new HashMap<>();
    private final Map<Address, Long> closedAt = new HashMap<>();
    private final Map<Address, Object> reasons = new HashMap<>();

    WatchLog(Simulation sim, Mailbox watcher) {
        this.sim = sim;
        this.watcher = watcher;
    }

    Mailbox watcher() {
        return watcher;
    }

    void watched(Address target) {
        watchedAt.put(target, sim.clock().nanoTime());
    }

    void closed(Address target, Object reason) {
        closedAt.put(target, sim.clock().nanoTime());
        reasons.put(target, reason);
    }

    /** Takes what arrives until {@code duration} of virtual time has passed. */
    void collect(Duration duration) {
        long until = sim.clock().nanoTime() + duration.toNanos();
        while (true) {
            long left = until - sim.clock().nanoTime();
            if (left <= 0) {
                return;
            }
            watcher.receive(Duration.ofNanos(left)).ifPresent(message -> {
                switch (message) {
                    case CloseNotification note -> notes.add(new Note(note.closed(), note.reason(), sim.clock().nanoTime()));
                    case NodeEvent.Down down -> downs.add(new Down(down.node().name(), sim.clock().nanoTime()));
                    default -> { }
                }
            });
        }
    }

    List<Note> notes() {
        return notes;
    }

    List<Down> downs() {
        return downs;
    }

    /**
     * Every watch fired exactly once; with the reason its target closed with when the target's
     * node never went down meanwhile, with {@code NO_CONNECTION} when it went down before the close.
     */
    void check() {
        MessageChecks.exactlyOnce(watchedAt.keySet(), notes.stream().map(Note::target).toList());
        for (Note note : notes) {
            long from = watchedAt.get(note.target());
            String node = note.target().node().name();
            boolean lostMeanwhile = downs.stream().anyMatch(d -> d.node().equals(node) && d.at() >= from && d.at() <= note.at());
            Long closed = closedAt.get(note.target());
            boolean lostBeforeClose = downs.stream().anyMatch(d -> d.node().equals(node) && d.at() >= from
                    && (closed == null || d.at() < closed));
            if (!lostMeanwhile && !note.reason().equals(reasons.get(note.target()))) {
                throw new AssertionError("watch on " + note.target() + " fired with " + note.reason() + " but its node was never lost;"
                        + " it closed with " + reasons.get(note.target()));
            }
            if (lostBeforeClose && note.reason() != Reason.NO_CONNECTION) {
                throw new AssertionError("watch on " + note.target() + " fired with " + note.reason()
                        + " though its node was lost before it closed");
            }
        }
    }
}
