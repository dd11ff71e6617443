package io.jreign.cluster.internal.kryo;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A bounded pool of Kryo instances (which are not thread-safe) that takes no lock: a fixed row of
 * slots, each taken and refilled with one atomic operation. Kryo's own thread-safe pool queues its
 * instances in a {@code LinkedBlockingQueue}, two lock round trips per message, which was a fifth
 * of a sending thread's time on small messages.
 *
 * <p>A thread starts looking at a slot picked by its id, so concurrent senders mostly touch
 * different slots. When every slot is empty a new instance is made; when every slot is full on
 * return, the instance is left to the garbage collector: at most {@code capacity} idle instances
 * are kept in the row.
 *
 * <p>Besides, each platform thread keeps one instance of its own for as long as it lives, used
 * with no atomic operation at all: event loops and DIST readers decode every incoming message,
 * and the row's two atomic updates per message were a tenth of a receiving event loop's time.
 * Platform threads are few and long-lived; virtual threads (one per process, many and short-lived)
 * use the row only.
 *
 * @param <T> the pooled type
 */
public final class KryoPool<T> {
    private final AtomicReferenceArray<T> slots;
    private final Supplier<T> factory;
    /** A platform thread's own instance, or null while it is out (a nested use takes one from the row). */
    private final ThreadLocal<Own<T>> own = ThreadLocal.withInitial(Own::new);

    private static final class Own<T> {
        T instance;
    }

    /** A pool keeping at most {@code capacity} idle instances made by {@code factory}. */
    public KryoPool(int capacity, Supplier<T> factory) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.factory = factory;
    }

    /** An idle instance, or a new one; give it back with {@link #free}. */
    public T obtain() {
        if (!Thread.currentThread().isVirtual()) {
            Own<T> mine = own.get();
            T instance = mine.instance;
            if (instance != null) {
                mine.instance = null;
                return instance;
            }
        }
        int length = slots.length();
        int start = firstSlot(length);
        for (int i = 0; i < length; i++) {
            int slot = (start + i) % length;
            if (slots.getAcquire(slot) != null) {
                T taken = slots.getAndSet(slot, null);
                if (taken != null) {
                    return taken;
                }
            }
        }
        return factory.get();
    }

    /** Returns an instance obtained from this pool; it must not be used afterwards. */
    public void free(T instance) {
        if (!Thread.currentThread().isVirtual()) {
            Own<T> mine = own.get();
            if (mine.instance == null) {
                mine.instance = instance;
                return;
            }
        }
        int length = slots.length();
        int start = firstSlot(length);
        for (int i = 0; i < length; i++) {
            int slot = (start + i) % length;
            if (slots.getAcquire(slot) == null && slots.compareAndSet(slot, null, instance)) {
                return;
            }
        }
    }

    /** Idle instances in the shared row now (for tests). */
    public int idle() {
        int idle = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                idle++;
            }
        }
        return idle;
    }

    private static int firstSlot(int length) {
        return (int) (Thread.currentThread().threadId() % length);
    }
}
