package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.process.Down;
import io.jreign.otp.process.Proc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The name server's monitors on the pids that hold global names and locks: one monitor per pid
 * however many names and locks it holds, removed with the last of them. As erl's
 * {@code monitor/2}, watching a pid on a node that is not connected connects to it first: one
 * connection attempt per node runs off the server's thread, and the pids whose node cannot be
 * reached count as gone ({@code noconnection}).
 */
final class PidWatches {
    /** Sent to the server when a connection attempt for watched pids ended. */
    record NodeReachable(String node, boolean reachable) {}

    private final Proc self;
    private final DistTransport dist;
    private final Scheduler scheduler;
    private final Map<Address, Integer> counts = new HashMap<>();
    private final Map<Address, Ref> monitors = new HashMap<>();
    private final Map<String, List<Address>> awaitingConnection = new HashMap<>();

    PidWatches(Proc self, DistTransport dist, Scheduler scheduler) {
        this.self = self;
        this.dist = dist;
        this.scheduler = scheduler;
    }

    /** One more name or lock held by {@code pid}. */
    void watch(Address pid) {
        if (counts.merge(pid, 1, Integer::sum) > 1) {
            return;
        }
        String node = pid.node().name();
        if (pid.node().equals(dist.self()) || dist.connectedNodes().contains(node)) {
            monitors.put(pid, self.monitor(pid));
            return;
        }
        List<Address> waiting = awaitingConnection.computeIfAbsent(node, n -> new ArrayList<>());
        waiting.add(pid);
        if (waiting.size() == 1) {
            Address server = self.self();
            scheduler.start("global-connect " + node, () -> server.send(new NodeReachable(node, dist.connect(node))));
        }
    }

    /** One name or lock of {@code pid} less; the monitor goes with the last. */
    void unwatch(Address pid) {
        Integer count = counts.get(pid);
        if (count == null) {
            return;
        }
        if (count > 1) {
            counts.put(pid, count - 1);
            return;
        }
        counts.remove(pid);
        Ref ref = monitors.remove(pid);
        if (ref != null) {
            self.demonitor(ref, true);
        } else {
            List<Address> waiting = awaitingConnection.get(pid.node().name());
            if (waiting != null) {
                waiting.remove(pid);
            }
        }
    }

    /**
     * A DOWN arrived: the pid it is about, if it is our current monitor of it (the pid is then
     * forgotten: the caller drops its names and locks); null for a stale one.
     */
    Address down(Down down) {
        if (down.object() instanceof Address pid && down.ref().equals(monitors.get(pid))) {
            monitors.remove(pid);
            counts.remove(pid);
            return pid;
        }
        return null;
    }

    /**
     * A connection attempt ended: the awaited pids are monitored now, or, if the node cannot be
     * reached, returned as gone (and forgotten).
     */
    List<Address> reachable(NodeReachable result) {
        List<Address> waiting = awaitingConnection.remove(result.node());
        List<Address> gone = new ArrayList<>();
        if (waiting == null) {
            return gone;
        }
        for (Address pid : waiting) {
            if (!counts.containsKey(pid)) {
                continue;
            }
            if (result.reachable()) {
                monitors.put(pid, self.monitor(pid));
            } else {
                counts.remove(pid);
                gone.add(pid);
            }
        }
        return gone;
    }

    /** How many pids are watched. */
    int size() {
        return counts.size();
    }
}
