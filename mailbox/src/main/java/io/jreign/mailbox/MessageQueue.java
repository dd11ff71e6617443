package io.jreign.mailbox;

import io.jreign.mailbox.spi.DeferredWakes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;

/**
 * The message queue under every {@link Mailbox}: many producers, one reader at a time, with
 * Erlang's selective receive.
 *
 * <pre>
 *   head (stub)                                                      tail
 *     |                                                               |
 *     v                                                               v
 *   [ - ] --> [ m1 ] --> [ TAKEN ] --> [ m3 ] --> [ m4 ] --> ... --> [ mN ] --> null
 *                              ^ consumed in place, unlinked by a later scan
 * </pre>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>One singly linked list in arrival order. Producers append with a CAS on {@code tail}
 *       (Vyukov's intrusive MPSC queue); each node's {@code seq} is its predecessor's plus one,
 *       written before the CAS publishes the node, so sequence numbers are dense and ordered.</li>
 *   <li>Only the reader changes links other than {@code tail} and the last node's {@code next}.
 *       It never unlinks the last node (a producer may be about to write its {@code next}): a
 *       message taken from the end is left as a {@link #TAKEN} tombstone, unlinked by a later scan.</li>
 *   <li>Skipped messages never move: a selective receive walks past them, so their order is kept
 *       and nothing is copied. Within one receive call, a message already rejected is not tested
 *       again when new ones arrive: the scan resumes where it stopped.</li>
 *   <li>An unlinked node keeps its {@code next} and is marked {@link #UNLINKED}; following
 *       {@code next} from any node, linked or not, visits every live message that arrived after
 *       it. That is what makes a {@link Mark} (a node) a valid starting point for ever.</li>
 *   <li>Linked tombstones are at most {@code max(64, live messages)}; past that a sweep unlinks
 *       them, so memory stays proportional to the live messages.</li>
 * </ul>
 *
 * <h2>Memory ordering</h2>
 * A producer writes the node's fields, then CASes {@code tail} (volatile), then links
 * {@code prev.next} with release semantics; the reader reads {@code next} with acquire semantics,
 * so it sees a fully written node. For parking, the reader publishes itself in {@code waiter}
 * (volatile) and then re-reads {@code tail} (volatile); a producer CASes {@code tail} and then reads
 * {@code waiter}. By the total order of volatile accesses, either the reader sees the new tail and
 * does not park, or the producer sees the waiter and unparks it (Dekker). A reader that sees a new
 * tail whose link is not written yet spins briefly: the producer is between two instructions.
 */
abstract class MessageQueue {

    /** A message cell. {@code message} is the payload, {@link #TAKEN} or {@link #UNLINKED}. */
    static final class Cell {
        Object message;
        long seq;
        volatile Cell next;

        Cell(Object message) {
            this.message = message;
        }
    }

    /** A consumed cell still linked in the list (the stub at {@code head}, or a tombstone). */
    static final Object TAKEN = new Object() {
        @Override
        public String toString() {
            return "TAKEN";
        }
    };
    /** A consumed cell no longer in the list; its {@code next} still leads forward. */
    static final Object UNLINKED = new Object() {
        @Override
        public String toString() {
            return "UNLINKED";
        }
    };
    /**
     * The tail of a released queue. {@link #release} swaps it in atomically, so every message is
     * either counted there or refused by {@link #enqueue}: closing loses count of none.
     */
    private static final Cell RELEASED = new Cell(UNLINKED);
    /** Returned by {@link #take} when the deadline passes with no match. */
    static final Object TIMED_OUT = new Object();

    private static final int MIN_TOMBSTONES_BEFORE_SWEEP = 64;
    /** Most yields before parking; none on a single core, where yielding cannot help. */
    private static final int MAX_PATIENCE = Runtime.getRuntime().availableProcessors() > 1 ? 16 : 0;
    /** Spins before each yield: catches a reply already on its way from the other core. */
    private static final int SPINS_PER_ROUND = 8;
    /** A park this short means the next wait is worth a few yields first. */
    private static final long SHORT_WAIT_NANOS = 20_000;

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle READER;
    private static final VarHandle CONSUMED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(MessageQueue.class, "tail", Cell.class);
            READER = lookup.findVarHandle(MessageQueue.class, "reader", Thread.class);
            CONSUMED = lookup.findVarHandle(MessageQueue.class, "consumed", long.class);
            NEXT = lookup.findVarHandle(Cell.class, "next", Cell.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Written by producers.
    private volatile Cell tail;
    // The reader's, except that close() may take the reader slot to release the messages.
    private Cell head;
    private volatile Thread reader;
    private volatile Thread waiter;
    /** Messages taken so far; written by the reader only, read by anyone for {@link #queued()}. */
    @SuppressWarnings("unused") // through CONSUMED
    private long consumed;
    private int tombstones;
    /** Yields to try before the next park; adapted by {@link #await}. Reader only. */
    private int patience;
    /** Whether the reader's last wake-up came from a network thread's batch (see {@link #await}). */
    private volatile boolean wokenByNetwork;

    MessageQueue() {
        Cell stub = new Cell(TAKEN);
        head = stub;
        tail = stub;
    }

    // ---- producer side ------------------------------------------------------------------------

    /**
     * Appends {@code message}; any thread. Wakes the reader if it waits.
     *
     * @return false if the queue was released (closed): the message was not queued
     */
    final boolean enqueue(Object message) {
        return enqueue(message, null);
    }

    /**
     * Appends {@code message}; any thread. A waiting reader is woken at once, or, if {@code wakes}
     * is not null, remembered there for the delivering thread to wake at the end of its batch.
     *
     * @return false if the queue was released (closed): the message was not queued
     */
    final boolean enqueue(Object message, DeferredWakes wakes) {
        Cell cell = new Cell(message);
        Cell last;
        do {
            last = tail;
            if (last == RELEASED) {
                return false;
            }
            cell.seq = last.seq + 1;
        } while (!TAIL.weakCompareAndSet(this, last, cell));
        NEXT.setRelease(last, cell);
        Thread sleeping = waiter;
        if (sleeping != null) {
            wokenByNetwork = wakes != null;
            if (wakes != null) {
                wakes.add(sleeping);
            } else {
                wake(sleeping);
            }
        }
        return true;
    }

    /** Unparks the reader through the node's scheduler. */
    abstract void wake(Thread thread);

    /** Parks the reader through the node's scheduler until {@code deadline} (clock nanos). */
    abstract void sleep(long deadline);

    /** The clock reading the deadlines refer to. */
    abstract long now();

    /** Non-null once closed: the close reason. */
    abstract Object closedWith();

    /** Counts messages dropped because the queue was released while they waited. */
    abstract void droppedAtRelease(long count);

    /** Throws the exception for receiving on a closed mailbox. */
    abstract RuntimeException closedException(Object reason);

    abstract RuntimeException interruptedException();

    // ---- reader side --------------------------------------------------------------------------

    /** The reader if it is parked in a receive, else null. */
    final Thread waitingReader() {
        return waiter;
    }

    /** A position after which {@link #take} with that mark looks. Reader only. */
    final Cell markPosition() {
        return tail;
    }

    /** Linked tombstones now; for tests of the memory bound. Reader only. */
    final int tombstones() {
        return tombstones;
    }

    /** Messages waiting: exact for the reader, a momentary estimate for any other thread. */
    final long queued() {
        return tail.seq - (long) CONSUMED.getOpaque(this);
    }

    /**
     * Takes the first message after {@code after} (or the first of all if {@code after} is null)
     * that {@code matcher} accepts, waiting until {@code deadline}; null matcher accepts anything.
     *
     * @return the message, or {@link #TIMED_OUT}
     */
    final Object take(Predicate<Object> matcher, Cell after, long deadline) {
        Thread me = Thread.currentThread();
        if (!READER.compareAndSet(this, null, me)) {
            Object reason = closedWith();
            if (reason != null) {
                throw closedException(reason); // the slot is held by a close releasing the queue
            }
            throw new IllegalStateException(reader == me
                    ? "receive called again from inside a receive on the same mailbox (in a matcher?)"
                    : "two threads receive on one mailbox at once: a mailbox has one reader at a time");
        }
        try {
            return scan(matcher, after, deadline, me);
        } finally {
            READER.setRelease(this, null);
            if (closedWith() != null) {
                release(); // a close that came while we read left the release to us
            }
        }
    }

    private Object scan(Predicate<Object> matcher, Cell after, long deadline, Thread me) {
        Object reason = closedWith();
        if (reason != null) {
            throw closedException(reason);
        }
        // prev: the linked node before cur, or null when unknown (scanning on from an unlinked mark).
        Cell prev = after == null ? head : (after.message == UNLINKED ? null : after);
        Cell cur = after == null ? head : after;
        for (;;) {
            Cell next = (Cell) NEXT.getAcquire(cur);
            if (next == null) {
                Object outcome = await(cur, deadline, me);
                if (outcome != null) {
                    return outcome; // TIMED_OUT
                }
                continue;
            }
            Object message = next.message;
            if (message == TAKEN) {
                prev = dropTombstone(prev, next);
            } else if (message == UNLINKED) {
                prev = null;
            } else if (matches(matcher, message)) {
                consume(prev, next);
                return message;
            } else {
                prev = next;
            }
            cur = next;
        }
    }

    private static boolean matches(Predicate<Object> matcher, Object message) {
        return matcher == null || matcher.test(message);
    }

    /**
     * Waits for a node after {@code last}, the close, the deadline or an interrupt.
     *
     * @return null to scan on, or {@link #TIMED_OUT}
     */
    private Object await(Cell last, long deadline, Thread me) {
        if (deadline != Long.MAX_VALUE && now() - deadline >= 0) {
            return TIMED_OUT;
        }
        // A reply often comes within a microsecond. Before parking, the reader spins a little and
        // then yields its carrier (a virtual thread; the sender, or whoever it woke, runs there
        // meanwhile), a few rounds: far cheaper than a park plus an unpark through the carrier
        // pool. How many rounds adapts to how long this mailbox's recent waits were, so idle
        // processes park at once and burn nothing.
        // Not so for a reader fed by a network thread: its next message comes from a platform
        // thread, which no yield lets run, and a yield costs it dearly. The JDK hands a yielded
        // virtual thread back to its scheduler, which wakes an idle carrier to take it (a futex
        // call per yield), or, for a hosted process, moves it off the network thread it was on.
        boolean fedByNetwork = wokenByNetwork;
        int budget = fedByNetwork ? 0 : patience;
        boolean virtual = me.isVirtual();
        for (int round = 0; round < budget; round++) {
            for (int spin = 0; spin < SPINS_PER_ROUND; spin++) {
                if (tail != last) {
                    return null;
                }
                Thread.onSpinWait();
            }
            if (virtual) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
            if (tail != last) {
                return null;
            }
        }
        waiter = me;
        try {
            Object closedReason = closedWith();
            if (closedReason != null) {
                throw closedException(closedReason);
            }
            if (tail != last) {
                // A producer has appended and is about to link: the gap is a few instructions,
                // unless the producer's carrier was descheduled in it, hence the yields.
                for (int spins = 0; NEXT.getAcquire(last) == null; spins++) {
                    if (spins < 100) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                }
                return null;
            }
            if (me.isInterrupted()) {
                Thread.interrupted();
                throw interruptedException();
            }
            long parkedAt = now();
            sleep(deadline);
            if (!fedByNetwork) {
                patience = now() - parkedAt < SHORT_WAIT_NANOS
                        ? Math.min(MAX_PATIENCE, Math.max(1, budget * 2))
                        : budget / 2;
            }
        } finally {
            waiter = null;
        }
        Object reason = closedWith();
        if (reason != null) {
            throw closedException(reason);
        }
        return null;
    }

    /** Takes {@code node}'s message; {@code prev} is its linked predecessor, or null if unknown. */
    private void consume(Cell prev, Cell node) {
        CONSUMED.setOpaque(this, (long) CONSUMED.getOpaque(this) + 1);
        if (prev == head) {
            // The first message: the node becomes the new stub (Vyukov's dequeue).
            head.message = UNLINKED;
            node.message = TAKEN;
            head = node;
        } else if (prev != null && NEXT.getAcquire(node) != null) {
            NEXT.setRelease(prev, node.next);
            node.message = UNLINKED;
        } else {
            node.message = TAKEN;
            if (++tombstones > MIN_TOMBSTONES_BEFORE_SWEEP && tombstones > queued()) {
                sweep();
            }
        }
    }

    /**
     * Unlinks the tombstone {@code node} if it is safe to.
     *
     * @return the linked predecessor for the node after {@code node}
     */
    private Cell dropTombstone(Cell prev, Cell node) {
        if (prev == null || NEXT.getAcquire(node) == null) {
            return node; // Unknown predecessor, or the last node: leave it; it is linked.
        }
        boolean becameStub = prev == head;
        if (becameStub) {
            head.message = UNLINKED;
            head = node; // The tombstone becomes the stub.
        } else {
            NEXT.setRelease(prev, node.next);
            node.message = UNLINKED;
        }
        tombstones--;
        return becameStub ? node : prev;
    }

    /** Unlinks every tombstone that is not the last node. */
    private void sweep() {
        Cell prev = head;
        Cell cur = (Cell) NEXT.getAcquire(prev);
        while (cur != null) {
            Cell next = (Cell) NEXT.getAcquire(cur);
            if (cur.message == TAKEN && next != null) {
                NEXT.setRelease(prev, next);
                cur.message = UNLINKED;
                tombstones--;
            } else {
                prev = cur;
            }
            cur = next;
        }
    }

    /**
     * After close: lets go of the queued messages and counts them through
     * {@link #droppedAtRelease}. Safe from any thread: it takes the reader slot, and does nothing
     * if a reader holds it (that reader calls this again as it leaves).
     */
    final void release() {
        Thread me = Thread.currentThread();
        boolean owned = reader == me;
        if (!owned && !READER.compareAndSet(this, null, me)) {
            return;
        }
        try {
            Cell last = (Cell) TAIL.getAndSet(this, RELEASED);
            if (last == RELEASED) {
                return;
            }
            long dropped = last.seq - (long) CONSUMED.getOpaque(this);
            CONSUMED.setOpaque(this, last.seq);
            head = RELEASED;
            tombstones = 0;
            if (dropped > 0) {
                droppedAtRelease(dropped);
            }
        } finally {
            if (!owned) {
                READER.setRelease(this, null);
            }
        }
    }
}
