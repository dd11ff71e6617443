package io.jreign.mailbox.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of one {@link VirtualThreadScheduler}'s timed parks, watched by one platform thread
 * that unparks each waiter whose deadline passes.
 *
 * <p>Why not {@link LockSupport#parkNanos} on the virtual thread: the JDK then schedules a timer
 * task in its carrier pool's delay scheduler, and cancels it when the thread is unparked first;
 * both steps signal the delay scheduler's own thread. A call (send, then receive the reply with a
 * timeout) thus cost two more thread wake-ups than the message itself, about a quarter of a busy
 * caller node's CPU.
 *
 * <p>Why not a concurrent sorted set of deadlines either (as here before): most timed parks end
 * by an unpark long before their deadline (the reply comes in microseconds, the timeout is
 * seconds), and the set's insert and remove were a seventh of a busy caller node's samples. Here a
 * park only appends its entry to a lock-free intake, and withdrawing it is one compare-and-set on
 * the entry. The watcher alone sorts: every {@link #TICK} (while deadlines come) it moves the
 * intake's entries still waiting into a heap of its own, so an entry withdrawn within a tick is
 * never sorted at all. A park whose deadline falls before the watcher's next look wakes it; as
 * deadlines mostly come in order (now plus the same timeout), that is rare. Entries withdrawn
 * after they reached the heap stay there until due, or until the heap has doubled since its last
 * purge, so memory stays within twice the live deadlines plus a tick's worth of parks.
 *
 * <p>The watcher starts with the first deadline and ends once none has been pending for
 * {@link #IDLE}, so a node that does not wait holds no thread, and at most one per scheduler.
 */
final class Deadlines {
    /** How long the watcher waits with nothing to watch before it ends. */
    static final Duration IDLE = Duration.ofSeconds(2);
    /** How often, at most, the watcher moves the intake's waiting entries into its heap. */
    static final long TICK = Duration.ofMillis(10).toNanos();
    /** The heap is not purged of withdrawn entries below this size. */
    private static final int PURGE_FLOOR = 1024;

    private static final int WAITING = 0;
    private static final int WITHDRAWN = 1;
    private static final int FIRED = 2;

    /** A waiting thread and when it is due, until it is withdrawn or fired (whichever comes first). */
    static final class Entry {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long deadline;
        final Thread thread;
        private volatile int state;

        Entry(long deadline, Thread thread) {
            this.deadline = deadline;
            this.thread = thread;
        }

        boolean waiting() {
            return state == WAITING;
        }

        /** Moves a waiting entry to {@code end}; false if it was withdrawn or fired already. */
        boolean end(int end) {
            return STATE.compareAndSet(this, WAITING, end);
        }
    }

    private final ConcurrentLinkedQueue<Entry> intake = new ConcurrentLinkedQueue<>();
    /** The watcher's own: entries ordered by deadline (nanoTime values, compared by difference). */
    private final PriorityQueue<Entry> heap = new PriorityQueue<>((a, b) -> Long.signum(a.deadline - b.deadline));
    private final LongAdder waiting = new LongAdder();
    private final Clock clock;
    private final Object lifecycle = new Object();
    private volatile Thread watcher; // written under lifecycle
    /** When the watcher looks next: a deadline before it must wake the watcher. */
    private volatile long nextLook;
    private int purgeAt = PURGE_FLOOR;
    /** The heap's size at the watcher's last look, withdrawn entries included (for tests). */
    private volatile int sorted;

    Deadlines(Clock clock) {
        this.clock = clock;
    }

    /** Registers the calling thread to be unparked at {@code deadline} (on the clock); withdraw it after parking. */
    Entry add(long deadline) {
        Entry entry = new Entry(deadline, Thread.currentThread());
        waiting.increment();
        intake.offer(entry);
        Thread current = watcher;
        if (current == null) {
            startWatcher();
        } else if (deadline - nextLook < 0) {
            LockSupport.unpark(current); // it would look too late
        }
        return entry;
    }

    /** The entry's thread is done waiting: it is not to be unparked any more. */
    void withdraw(Entry entry) {
        if (entry.end(WITHDRAWN)) {
            waiting.decrement();
        }
    }

    /** How many deadlines are pending (for tests). */
    int pending() {
        return waiting.intValue();
    }

    /** How many entries, withdrawn ones included, the watcher's heap held at its last look (for tests). */
    int sorted() {
        return sorted;
    }

    /** Whether the intake is empty: every entry added so far has been looked at (for tests). */
    boolean allLookedAt() {
        return intake.isEmpty();
    }

    /** Whether a watcher thread is running (for tests). */
    boolean watching() {
        return watcher != null;
    }

    private void startWatcher() {
        synchronized (lifecycle) {
            if (watcher == null) {
                nextLook = clock.nanoTime(); // until it has looked, every deadline wakes it
                watcher = Thread.ofPlatform().daemon().name("jreign-deadlines").start(this::watch);
            }
        }
    }

    private void watch() {
        Thread self = Thread.currentThread();
        long busySince = clock.nanoTime();
        while (true) {
            long now = clock.nanoTime();
            takeIntake();
            fireDue(now);
            purgeIfBloated();
            sorted = heap.size();
            if (heap.isEmpty() && intake.isEmpty()) {
                if (now - busySince >= IDLE.toNanos() && stopIfIdle(self)) {
                    return;
                }
                sleepUntil(now + IDLE.toNanos());
                continue;
            }
            busySince = now;
            long next = now + TICK;
            Entry head = heap.peek();
            if (head != null && head.deadline - next < 0) {
                next = head.deadline;
            }
            sleepUntil(next);
        }
    }

    /**
     * Publishes when the watcher looks next, then sleeps until then, unless an entry that came
     * before the publication (its adder may have read the earlier time) is due sooner.
     */
    private void sleepUntil(long next) {
        nextLook = next;
        for (Entry entry : intake) {
            if (entry.deadline - next < 0 && entry.waiting()) {
                return;
            }
        }
        long wait = next - clock.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    private void takeIntake() {
        Entry entry;
        while ((entry = intake.poll()) != null) {
            if (entry.waiting()) {
                heap.add(entry);
            }
        }
    }

    private void fireDue(long now) {
        Entry head;
        while ((head = heap.peek()) != null && head.deadline - now <= 0) {
            heap.poll();
            if (head.end(FIRED)) {
                waiting.decrement();
                LockSupport.unpark(head.thread);
            }
        }
    }

    private void purgeIfBloated() {
        if (heap.size() > purgeAt) {
            heap.removeIf(entry -> !entry.waiting());
            purgeAt = Math.max(PURGE_FLOOR, 2 * heap.size());
        }
    }

    /**
     * Ends the watcher unless a deadline came meanwhile. An adder that saw this watcher before it
     * cleared the field added its entry before that, so the check after clearing sees the entry.
     */
    private boolean stopIfIdle(Thread self) {
        synchronized (lifecycle) {
            watcher = null;
            if (intake.isEmpty()) {
                return true;
            }
            watcher = self;
            return false;
        }
    }
}
