package io.jreign.cluster.internal;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One peer's outbound queue: the single ordered path every message and watch frame for that peer
 * takes, bounded in bytes. (Heartbeats are written directly, and names frames wait in the peer's
 * {@link NameFeed}, which the drain serves first.)
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>FIFO: frames leave in the order they were offered, so each sender's frames keep their order
 *       (a sender offers one frame at a time).</li>
 *   <li>Data frames ({@link Frame.Send}) are admitted while {@code bytes + size <= bound}, or when the
 *       queue holds nothing; otherwise the sender may park (through the scheduler seam, deadline on
 *       the clock seam) until the queue falls to half the bound or empties, or its deadline passes.</li>
 *   <li>Control frames (watch, unwatch, closed) never wait: they come from threads that must not
 *       block. They are admitted up to twice the bound; past that the connection is given up
 *       ({@link #offerControl} returns false). So the queue never holds more than {@code 2 * bound}
 *       bytes (plus one frame).</li>
 *   <li>Control frames belong to one connection (their epoch) and are dropped when it ends; data
 *       frames outlive connections and wait for the next one, up to {@code undeliverableWait}.</li>
 *   <li>Every frame taken out is taken exactly once, and its bytes given back exactly once: by the
 *       drain's {@link #poll}, by a drop, or by {@link #close} (which counts the data frames).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Senders and the drain meet on a lock-free queue and an atomic byte count: a sender reserves its
 * bytes with a CAS, then appends; nobody waits for anyone while there is room. (A lock shared by
 * the senders and the drain cost a quarter of the drain's time under a stream of small messages.)
 * Whatever takes frames out ({@link #poll}, the drops, {@link #close}) holds {@code takeLock}, which
 * only the drain contends for in practice, so a frame is never taken twice. A sender that finds no
 * room registers in {@code waiters} and re-checks before parking; whatever frees room reads
 * {@code waiters} after giving the bytes back, so one of the two sees the other (no lost wake-up).
 */
final class Outbox {
    /**
     * A queued frame. {@code epoch} is -1 for data frames. {@code enqueuedAt} is a clock reading, or
     * {@link #WHILE_CONNECTED} for a frame queued while a connection was up (its wait for an
     * unreachable peer counts from the connection's loss).
     */
    record Entry(Frame frame, int size, long enqueuedAt, long epoch, long targetIncarnation) {
        boolean isData() {
            return epoch < 0;
        }

        long enqueuedAt(long connectionLostAt) {
            return enqueuedAt == WHILE_CONNECTED ? connectionLostAt : enqueuedAt;
        }

        /** Identity: a racing close makes a sender remove this very entry, not an equal one. */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** The {@link Entry#enqueuedAt} of a frame queued while the peer was connected. */
    static final long WHILE_CONNECTED = Long.MIN_VALUE;

    enum Offer { QUEUED, FULL, TIMED_OUT, INTERRUPTED, CLOSED }

    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private final ReentrantLock takeLock = new ReentrantLock();
    private final long bound;
    private final Clock clock;
    private final Scheduler scheduler;
    private volatile boolean closed;

    Outbox(long bound, Clock clock, Scheduler scheduler) {
        this.bound = bound;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Queues a data frame if there is room now.
     *
     * @return {@link Offer#QUEUED}, {@link Offer#FULL} or {@link Offer#CLOSED}
     */
    Offer tryOfferData(Entry entry) {
        if (closed) {
            return Offer.CLOSED;
        }
        if (!reserve(entry.size(), bound, true)) {
            return Offer.FULL;
        }
        return append(entry);
    }

    /**
     * Queues a data frame, waiting for room until {@code deadlineNanos}.
     *
     * @return {@link Offer#QUEUED}, {@link Offer#TIMED_OUT} (no room in time),
     *         {@link Offer#INTERRUPTED} (the waiting thread was interrupted; its interrupt status
     *         stays set), or {@link Offer#CLOSED}
     */
    Offer offerData(Entry entry, long deadlineNanos) {
        Thread self = Thread.currentThread();
        boolean waiting = false;
        try {
            while (true) {
                Offer offer = tryOfferData(entry);
                if (offer != Offer.FULL) {
                    return offer;
                }
                if (clock.nanoTime() - deadlineNanos >= 0) {
                    return Offer.TIMED_OUT;
                }
                if (!waiting) {
                    waiters.add(self);
                    waiting = true;
                    continue; // re-check now that whoever frees room will see us
                }
                scheduler.park(this, deadlineNanos);
                if (self.isInterrupted()) {
                    return Offer.INTERRUPTED; // the interrupt stays set for the caller's own code
                }
            }
        } finally {
            if (waiting) {
                waiters.remove(self);
            }
        }
    }

    /** Queues a control frame without waiting; false if the queue is closed or past twice its bound. */
    boolean offerControl(Entry entry) {
        if (closed || !reserve(entry.size(), 2 * bound, false)) {
            return false;
        }
        return append(entry) == Offer.QUEUED;
    }

    /** Takes the head, or null. */
    Entry poll() {
        Entry head;
        takeLock.lock();
        try {
            head = queue.poll();
        } finally {
            takeLock.unlock();
        }
        if (head != null) {
            long left = bytes.addAndGet(-head.size());
            if (left <= bound / 2) {
                wakeWaiters();
            }
        }
        return head;
    }

    /** Drops the control frames (their connection ended); returns how many. */
    int dropControl() {
        int dropped = 0;
        long freed = 0;
        takeLock.lock();
        try {
            // Safe under takeLock: the iterator's remove is not atomic against another taker's poll.
            for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (!entry.isData()) {
                    it.remove();
                    freed += entry.size();
                    dropped++;
                }
            }
        } finally {
            takeLock.unlock();
        }
        free(freed);
        return dropped;
    }

    /**
     * Drops data frames queued at or before {@code cutoffNanos}, taking frames queued while
     * connected as queued at {@code connectionLostAt}; returns how many.
     */
    int dropOlderThan(long cutoffNanos, long connectionLostAt) {
        int dropped = 0;
        long freed = 0;
        takeLock.lock();
        try {
            Entry head;
            while ((head = queue.peek()) != null && head.enqueuedAt(connectionLostAt) - cutoffNanos <= 0) {
                queue.poll(); // FIFO: the frames behind the first young one are younger
                freed += head.size();
                if (head.isData()) {
                    dropped++;
                }
            }
        } finally {
            takeLock.unlock();
        }
        free(freed);
        return dropped;
    }

    /** When the oldest frame was queued (see {@link #dropOlderThan}), or {@link Long#MIN_VALUE} if none is. */
    long oldestEnqueuedAt(long connectionLostAt) {
        Entry head = queue.peek();
        return head == null ? Long.MIN_VALUE : head.enqueuedAt(connectionLostAt);
    }

    /** Refuses all further offers, drops what is queued and wakes waiting senders; returns the data frames dropped. */
    int close() {
        closed = true;
        int dropped = 0;
        long freed = 0;
        takeLock.lock();
        try {
            Entry entry;
            while ((entry = queue.poll()) != null) {
                freed += entry.size();
                if (entry.isData()) {
                    dropped++;
                }
            }
        } finally {
            takeLock.unlock();
        }
        free(freed);
        wakeWaiters();
        return dropped;
    }

    long bytes() {
        return bytes.get();
    }

    /** Reserves {@code size} bytes if the total stays within {@code limit} (or, if allowed, nothing is queued). */
    private boolean reserve(int size, long limit, boolean evenPastLimitWhenEmpty) {
        while (true) {
            long now = bytes.get();
            if (now + size > limit && !(evenPastLimitWhenEmpty && now == 0)) {
                return false;
            }
            if (bytes.compareAndSet(now, now + size)) {
                return true;
            }
        }
    }

    /** Appends a frame whose bytes are reserved; a close that raced with it either took it or refuses it. */
    private Offer append(Entry entry) {
        queue.offer(entry);
        if (closed) {
            boolean mine;
            takeLock.lock();
            try {
                mine = queue.remove(entry); // else close() took it and counted it
            } finally {
                takeLock.unlock();
            }
            if (mine) {
                free(entry.size());
                return Offer.CLOSED;
            }
        }
        return Offer.QUEUED;
    }

    private void free(long freed) {
        if (freed > 0) {
            bytes.addAndGet(-freed);
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        if (!waiters.isEmpty()) {
            for (Thread waiter : waiters) {
                scheduler.unpark(waiter);
            }
        }
    }
}
