package io.jreign.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The event trace of a simulation: every scheduling choice, timer and network delivery, folded
 * into one 64-bit hash (FNV-1a), with the most recent events kept for failure reports. Two runs of
 * the same seed have the same hash; that is how determinism is checked.
 */
final class Trace {
    private static final int KEPT = 200;

    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private long hash = 0xcbf29ce484222325L;
    private long events;

    synchronized void record(String event) {
        for (byte b : event.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ '\n') * 0x100000001b3L;
        events++;
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(event);
    }

    synchronized long hash() {
        return hash;
    }

    synchronized long events() {
        return events;
    }

    synchronized List<String> recent() {
        return new ArrayList<>(recent);
    }
}
