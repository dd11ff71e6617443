package io.jreign.mailbox.spi;

import java.util.Arrays;

/**
 * The receivers that a transport's deliveries made runnable, woken together at the end of a batch
 * of incoming frames instead of one unpark per delivery.
 *
 * <p>A transport reads frames in batches (one socket read holds many). Unparking a receiver
 * means waking a carrier thread, which in a virtual machine costs microseconds; a receiver that
 * runs while the batch is still being delivered drains its queue, parks again, and is unparked
 * again by the next frame. Deferring the wakes to the end of the batch makes that one unpark per
 * receiver per batch, and lets the receiver find the whole batch waiting.
 *
 * <p>Owned by one delivering thread (a connection's reader or event loop); not thread-safe. The
 * owner must call {@link #flush} before it waits for more input or gives the thread up, or the
 * receivers stay parked; at most {@value #CAPACITY} receivers are held, past that the oldest are
 * woken at once.
 */
public final class DeferredWakes {
    static final int CAPACITY = 32;

    private final Scheduler scheduler;
    private Thread[] pending = new Thread[CAPACITY];
    /** The other half of a double buffer: what {@link #flush} is waking while new adds go to pending. */
    private Thread[] waking = new Thread[CAPACITY];
    private int count;

    /** Wakes through {@code scheduler}, the node's. */
    public DeferredWakes(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Remembers {@code thread} to be unparked at the next {@link #flush}. */
    public void add(Thread thread) {
        for (int i = count - 1; i >= 0; i--) {
            if (pending[i] == thread) {
                return;
            }
        }
        if (count == CAPACITY) {
            flush();
        }
        pending[count++] = thread;
    }

    /**
     * Unparks every remembered thread. A hosting scheduler may run their slices here, and so
     * before it returns (see {@link Scheduler#unparkBatch}); adds made meanwhile wait for the next.
     */
    public void flush() {
        int n = count;
        if (n == 0) {
            return;
        }
        Thread[] batch = pending;
        pending = waking;
        waking = batch;
        count = 0;
        scheduler.unparkBatch(batch, n);
        Arrays.fill(batch, 0, n, null);
    }

    /** Threads waiting for {@link #flush}. */
    public int pending() {
        return count;
    }
}
