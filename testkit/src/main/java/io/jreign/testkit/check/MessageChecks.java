package io.jreign.testkit.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checkers over a recorded history of deliveries, each throwing an {@link AssertionError} that
 * names the first violation.
 */
public final class MessageChecks {
    private MessageChecks() {}

    /** Per sender/receiver pair, messages arrived in the order sent (gaps allowed: loss is another check). */
    public static void fifoPerPair(List<Delivery> received) {
        Map<List<Object>, Long> last = new HashMap<>();
        for (Delivery delivery : received) {
            List<Object> pair = List.of(delivery.sender(), delivery.receiver());
            Long previous = last.put(pair, delivery.seq());
            if (previous != null && delivery.seq() <= previous) {
                throw new AssertionError("out of order from " + delivery.sender() + " to " + delivery.receiver()
                        + ": #" + delivery.seq() + " arrived after #" + previous);
            }
        }
    }

    /** No message arrived twice. */
    public static void noDuplicates(List<Delivery> received) {
        Set<Delivery> seen = new HashSet<>();
        for (Delivery delivery : received) {
            if (!seen.add(delivery)) {
                throw new AssertionError("delivered twice: " + delivery);
            }
        }
    }

    /** Everything sent arrived (for traffic sent while connected). */
    public static void noLoss(Collection<Delivery> sent, Collection<Delivery> received) {
        Set<Delivery> missing = new HashSet<>(sent);
        received.forEach(missing::remove);
        if (!missing.isEmpty()) {
            List<Delivery> some = new ArrayList<>(missing).subList(0, Math.min(5, missing.size()));
            throw new AssertionError(missing.size() + " message(s) lost, e.g. " + some);
        }
    }

    /**
     * Every expected notification arrived exactly once, and nothing else: {@code expected} and
     * {@code received} are (target, watcher) pairs or whatever identifies a notification.
     */
    public static <T> void exactlyOnce(Collection<T> expected, List<T> received) {
        Map<T, Integer> counts = new HashMap<>();
        received.forEach(r -> counts.merge(r, 1, Integer::sum));
        for (T want : expected) {
            int count = counts.getOrDefault(want, 0);
            if (count != 1) {
                throw new AssertionError("expected exactly one " + want + ", got " + count);
            }
        }
        for (T got : counts.keySet()) {
            if (!expected.contains(got)) {
                throw new AssertionError("unexpected " + got);
            }
        }
    }
}
