package io.jreign.mailbox.spi;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of one {@link VirtualThreadScheduler}'s timed parks, watched by one platform thread
 * that unparks each waiter whose deadline passes.
 *
 * <p>Why not {@link LockSupport#parkNanos} on the virtual thread: the JDK then schedules a timer
 * task in its carrier pool's delay scheduler, and cancels it when the thread is unparked first;
 * both steps signal the delay scheduler's own thread. A call (send, then receive the reply with a
 * timeout) thus cost two more thread wake-ups than the message itself, about a quarter of a busy
 * caller node's CPU. Here adding a deadline wakes the watcher only when it becomes the earliest,
 * and withdrawing one never does: a watcher woken for a deadline that was withdrawn looks at the
 * next one and sleeps again. Deadlines mostly arrive in order (now plus the same timeout), so the
 * watcher is rarely woken early.
 *
 * <p>The watcher starts with the first deadline and ends once none has been pending for
 * {@link #IDLE}, so a node that does not wait holds no thread, and at most one per scheduler.
 */
final class Deadlines {
    /** How long the watcher waits with nothing to watch before it ends. */
    static final Duration IDLE = Duration.ofSeconds(2);

    /** A waiting thread and when it is due; {@code order} tells equal deadlines apart. */
    record Entry(long deadline, long order, Thread thread) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            long diff = deadline - other.deadline; // nanoTime values: compare by difference
            if (diff != 0) {
                return diff < 0 ? -1 : 1;
            }
            return Long.compare(order, other.order);
        }
    }

    private final ConcurrentSkipListSet<Entry> pending = new ConcurrentSkipListSet<>();
    private final AtomicLong orders = new AtomicLong();
    private final Clock clock;
    private final Object lifecycle = new Object();
    private volatile Thread watcher; // written under lifecycle

    Deadlines(Clock clock) {
        this.clock = clock;
    }

    /** Registers the calling thread to be unparked at {@code deadline} (on the clock); withdraw it after parking. */
    Entry add(long deadline) {
        Entry entry = new Entry(deadline, orders.getAndIncrement(), Thread.currentThread());
        pending.add(entry);
        Thread current = watcher;
        if (current == null) {
            startWatcher();
        } else if (isEarliest(entry)) {
            LockSupport.unpark(current); // it sleeps until a later deadline
        }
        return entry;
    }

    /** The entry's thread is done waiting: it is not to be unparked any more. */
    void withdraw(Entry entry) {
        pending.remove(entry);
    }

    /** How many deadlines are pending (for tests). */
    int pending() {
        return pending.size();
    }

    /** Whether a watcher thread is running (for tests). */
    boolean watching() {
        return watcher != null;
    }

    private boolean isEarliest(Entry entry) {
        try {
            return pending.first() == entry;
        } catch (NoSuchElementException alreadyDue) {
            return false; // the watcher took it: it is awake
        }
    }

    private void startWatcher() {
        synchronized (lifecycle) {
            if (watcher == null) {
                watcher = Thread.ofPlatform().daemon().name("jreign-deadlines").start(this::watch);
            }
        }
    }

    private void watch() {
        Thread self = Thread.currentThread();
        while (true) {
            Entry head = earliest();
            if (head == null) {
                LockSupport.parkNanos(this, IDLE.toNanos());
                if (pending.isEmpty() && stopIfIdle(self)) {
                    return;
                }
                continue;
            }
            long wait = head.deadline() - clock.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            } else if (pending.remove(head)) {
                LockSupport.unpark(head.thread());
            }
        }
    }

    /**
     * Ends the watcher unless a deadline came meanwhile. An adder that saw this watcher before it
     * cleared the field added its entry before that, so the check after clearing sees the entry.
     */
    private boolean stopIfIdle(Thread self) {
        synchronized (lifecycle) {
            watcher = null;
            if (pending.isEmpty()) {
                return true;
            }
            watcher = self;
            return false;
        }
    }

    private Entry earliest() {
        try {
            return pending.first();
        } catch (NoSuchElementException empty) {
            return null;
        }
    }
}
