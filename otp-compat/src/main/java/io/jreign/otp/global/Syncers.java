package io.jreign.otp.global;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.gen.From;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.process.Proc;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The callers of {@code {sync, Nodes}} waiting for those nodes to be synced or gone (erl's
 * {@code sync_loop/2} processes); each gets {@code ok} when its last node is done.
 */
final class Syncers {
    private record Waiting(From from, Set<String> nodes) {}

    private final Proc server;
    private final List<Waiting> waiting = new ArrayList<>();

    Syncers(Proc server) {
        this.server = server;
    }

    /** {@code from} waits for {@code nodes}; answered at once when there are none. */
    void add(From from, Set<String> nodes) {
        if (nodes.isEmpty()) {
            GenServer.reply(server, from, Atom.OK);
        } else {
            waiting.add(new Waiting(from, new LinkedHashSet<>(nodes)));
        }
    }

    /** {@code node} is synced, or down: it no longer holds anyone up. */
    void done(String node) {
        for (var it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.nodes().remove(node) && w.nodes().isEmpty()) {
                it.remove();
                GenServer.reply(server, w.from(), Atom.OK);
            }
        }
    }

    int size() {
        return waiting.size();
    }
}
