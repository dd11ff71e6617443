package io.jreign.cluster.internal;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 *       queue is empty; otherwise the sender parks (through the scheduler seam, deadline on the
 *       clock seam) until the queue falls to half the bound or empties, or its deadline passes.</li>
 *   <li>Control frames (watch, unwatch, closed) never wait: they come from threads that must not
 *       block. They are admitted up to twice the bound; past that the connection is given up
 *       ({@link #offerControl} returns false). So the queue never holds more than {@code 2 * bound}
 *       bytes (plus one frame).</li>
 *   <li>Control frames belong to one connection (their epoch) and are dropped when it ends; data
 *       frames outlive connections and wait for the next one, up to {@code undeliverableWait}.</li>
 * </ul>
 * The lock is held only for queue operations, never while parking or writing.
 */
final class Outbox {
    /** A queued frame. {@code epoch} is -1 for data frames. */
    record Entry(Frame frame, int size, long enqueuedAt, long epoch, long targetIncarnation) {
        boolean isData() {
            return epoch < 0;
        }
    }

    enum Offer { QUEUED, TIMED_OUT, INTERRUPTED, CLOSED }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private final List<Thread> waiters = new ArrayList<>();
    private final long bound;
    private final Clock clock;
    private final Scheduler scheduler;
    private long bytes;
    private boolean closed;

    Outbox(long bound, Clock clock, Scheduler scheduler) {
        this.bound = bound;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Queues a data frame, waiting for room until {@code deadlineNanos} if {@code mayWait}.
     *
     * @return {@link Offer#QUEUED}, {@link Offer#TIMED_OUT} (no room in time, or no room and may not
     *         wait), {@link Offer#INTERRUPTED} (the waiting thread was interrupted; its interrupt
     *         status stays set), or {@link Offer#CLOSED}
     */
    Offer offerData(Entry entry, boolean mayWait, long deadlineNanos) {
        Thread self = Thread.currentThread();
        boolean waiting = false;
        try {
            while (true) {
                lock.lock();
                try {
                    if (closed) {
                        return Offer.CLOSED;
                    }
                    if (queue.isEmpty() || bytes + entry.size() <= bound) {
                        queue.addLast(entry);
                        bytes += entry.size();
                        return Offer.QUEUED;
                    }
                    if (!mayWait || clock.nanoTime() - deadlineNanos >= 0) {
                        return Offer.TIMED_OUT;
                    }
                    if (!waiting) {
                        waiters.add(self);
                        waiting = true;
                    }
                } finally {
                    lock.unlock();
                }
                scheduler.park(this, deadlineNanos);
                if (self.isInterrupted()) {
                    return Offer.INTERRUPTED; // the interrupt stays set for the caller's own code
                }
            }
        } finally {
            if (waiting) {
                lock.lock();
                try {
                    waiters.remove(self);
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Queues a control frame without waiting; false if the queue is closed or past twice its bound. */
    boolean offerControl(Entry entry) {
        lock.lock();
        try {
            if (closed || bytes + entry.size() > 2 * bound) {
                return false;
            }
            queue.addLast(entry);
            bytes += entry.size();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the head, or null. */
    Entry poll() {
        List<Thread> wake = null;
        lock.lock();
        try {
            Entry head = queue.pollFirst();
            if (head == null) {
                return null;
            }
            bytes -= head.size();
            if (!waiters.isEmpty() && (queue.isEmpty() || bytes <= bound / 2)) {
                wake = List.copyOf(waiters);
            }
            return head;
        } finally {
            lock.unlock();
            wake(wake);
        }
    }

    /** Drops the control frames (their connection ended); returns how many. */
    int dropControl() {
        lock.lock();
        try {
            int dropped = 0;
            for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (!entry.isData()) {
                    it.remove();
                    bytes -= entry.size();
                    dropped++;
                }
            }
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Drops data frames queued at or before {@code cutoffNanos}; returns how many. */
    int dropOlderThan(long cutoffNanos) {
        List<Thread> wake = null;
        int dropped = 0;
        lock.lock();
        try {
            for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (entry.enqueuedAt() - cutoffNanos > 0) {
                    break; // FIFO: the rest are younger
                }
                it.remove();
                bytes -= entry.size();
                if (entry.isData()) {
                    dropped++;
                }
            }
            if (dropped > 0 && !waiters.isEmpty()) {
                wake = List.copyOf(waiters);
            }
            return dropped;
        } finally {
            lock.unlock();
            wake(wake);
        }
    }

    /** When the oldest frame was queued, or {@link Long#MIN_VALUE} if none is. */
    long oldestEnqueuedAt() {
        lock.lock();
        try {
            Entry head = queue.peekFirst();
            return head == null ? Long.MIN_VALUE : head.enqueuedAt();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses all further offers, drops what is queued and wakes waiting senders; returns the data frames dropped. */
    int close() {
        List<Thread> wake = null;
        lock.lock();
        try {
            closed = true;
            int dropped = (int) queue.stream().filter(Entry::isData).count();
            queue.clear();
            bytes = 0;
            wake = List.copyOf(waiters);
            return dropped;
        } finally {
            lock.unlock();
            wake(wake);
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void wake(List<Thread> threads) {
        if (threads != null) {
            for (Thread thread : threads) {
                scheduler.unpark(thread);
            }
        }
    }
}
