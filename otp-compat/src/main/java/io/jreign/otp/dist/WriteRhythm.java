package io.jreign.otp.dist;

/**
 * Tells a connection's senders whether its writes come in a burst: then a sender queues its
 * message for the writer thread, which writes a whole backlog with one system call, instead of
 * writing it itself with one call per message (a sender of thousands of messages would pay one
 * each). Lone messages, such as a call, its reply and the demonitor after it, still go directly.
 *
 * <pre>
 *  a write that starts less than BURST_GAP after the previous one ended is "quick"
 *  in a burst: the last MAX_QUICK writes or more in a row were quick   (until a write comes after a gap)
 * </pre>
 * {@link #wrote} is called by whoever has the queue's write turn, one at a time; {@link #inBurst}
 * may be read by any sender at any time (a stale answer only costs a hand-off or a system call).
 */
final class WriteRhythm {
    /** A write starting sooner than this after the previous one ended is part of a burst. */
    static final long BURST_GAP_NANOS = 50_000;
    /** Quick writes in a row from which senders queue: a call's demonitor and next request make one. */
    static final int MAX_QUICK = 2;

    private long lastEnd;
    private boolean wroteBefore;
    private volatile int quickInARow;

    /** A write ran from {@code start} to {@code end} on the node's clock. */
    void wrote(long start, long end) {
        quickInARow = wroteBefore && start - lastEnd < BURST_GAP_NANOS ? Math.min(quickInARow + 1, MAX_QUICK) : 0;
        lastEnd = end;
        wroteBefore = true;
    }

    /** Whether the connection's writes come in a burst now. */
    boolean inBurst() {
        return quickInARow >= MAX_QUICK;
    }
}
