package io.jreign.otp.dist;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The output queue of one distribution connection, bounded in bytes as Erlang's dist port is:
 * the queue is <em>busy</em> while it holds {@code busyLimit} bytes or more.
 *
 * <pre>
 *  senders --offer(message, wait)--> [ packets ... ] --takeAll()--> the writer thread
 *            not busy: queued at once (a message's packets stay together, whatever their size)
 *            busy: the sender waits for room, at most 'wait' on the node's clock, then BUSY
 *  force(message): never waits (ticks, and signals the reader thread sends in reply): queued up to
 *            the hard limit, 2 x busyLimit, then BUSY: the caller closes the connection
 *  beginDirect() .. endWrite(): a sender's turn to write its message itself, granted only while
 *            nothing is queued and nobody writes; takeAll() .. endWrite(): the writer thread's turn
 * </pre>
 *
 * <p>Waiting goes through the node's {@link Scheduler} and {@link Clock} (park with a deadline on
 * the clock), so the testkit controls it like any other wait. Invariants, under this object's
 * lock: {@code queuedBytes} is the sum of the queued packets' sizes (plus 4 bytes of length
 * each); {@code waitingSenders} holds the threads parked in {@link #offer}, each unparked when
 * room appears or the queue closes; {@code writing} is true during a turn (one at a time, so
 * writes never interleave and leave in the order of the turns); the writer is unparked by every
 * offer while no turn is in progress, and at the end of a sender's turn if something was queued
 * meanwhile. Memory stays below 2 x busyLimit plus one message per waiting sender.
 */
final class SendQueue {
    /** What became of an offered message. */
    enum Outcome { QUEUED, BUSY, CLOSED }

    private final long busyLimit;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ArrayDeque<byte[]> packets = new ArrayDeque<>();
    private final ArrayDeque<Thread> waitingSenders = new ArrayDeque<>();
    private long queuedBytes;
    private Thread waitingWriter;
    /** Whether someone writes to the socket now: the writer thread, or a sender writing directly. */
    private boolean writing;
    private boolean closed;

    SendQueue(long busyLimit, Clock clock, Scheduler scheduler) {
        this.busyLimit = busyLimit;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Queues {@code message} (its packets, kept together), waiting at most {@code wait} while
     * the queue is busy. An interrupted sender stops waiting: the message is not queued
     * ({@link Outcome#CLOSED}) and the interrupt stays set.
     */
    Outcome offer(List<byte[]> message, Duration wait) {
        long deadline = deadline(wait);
        Thread me = Thread.currentThread();
        boolean waiting = false;
        try {
            while (true) {
                synchronized (this) {
                    if (closed) {
                        return Outcome.CLOSED;
                    }
                    if (queuedBytes < busyLimit) {
                        add(message);
                        return Outcome.QUEUED;
                    }
                    if (deadline != Long.MAX_VALUE && clock.nanoTime() - deadline >= 0) {
                        return Outcome.BUSY;
                    }
                    if (!waiting) {
                        waitingSenders.add(me);
                        waiting = true;
                    }
                }
                scheduler.park(this, deadline);
                if (me.isInterrupted()) {
                    return Outcome.CLOSED;
                }
            }
        } finally {
            if (waiting) {
                synchronized (this) {
                    waitingSenders.remove(me);
                }
            }
        }
    }

    /** Queues {@code message} without waiting, up to twice the busy limit. */
    synchronized Outcome force(List<byte[]> message) {
        if (closed) {
            return Outcome.CLOSED;
        }
        if (queuedBytes >= 2 * busyLimit) {
            return Outcome.BUSY;
        }
        add(message);
        return Outcome.QUEUED;
    }

    private void add(List<byte[]> message) {
        for (byte[] packet : message) {
            packets.add(packet);
            queuedBytes += packet.length + 4;
        }
        if (waitingWriter != null && !writing) {
            scheduler.unpark(waitingWriter);
            waitingWriter = null;
        }
    }

    /**
     * For a sender whose message would be alone in the queue: whether it may write the message to
     * the socket itself, now. True when the queue is empty and nobody writes (so everything
     * queued earlier is written already); the caller then writes and calls {@link #endDirect}.
     */
    synchronized boolean beginDirect() {
        if (closed || writing || !packets.isEmpty()) {
            return false;
        }
        writing = true;
        return true;
    }

    /**
     * A write is over, the writer thread's (of what {@link #takeAll} gave it) or a sender's
     * direct one: what was queued meanwhile goes to the writer thread.
     */
    synchronized void endWrite() {
        writing = false;
        if (!packets.isEmpty() && waitingWriter != null) {
            scheduler.unpark(waitingWriter);
            waitingWriter = null;
        }
    }

    /**
     * For the writer: every queued packet, in order, waiting while there is none or a sender
     * writes; the writer then has the turn until it calls {@link #endWrite}.
     *
     * @return the packets, or an empty list once the queue is closed or the writer is interrupted
     */
    List<byte[]> takeAll() {
        Thread me = Thread.currentThread();
        while (!me.isInterrupted()) {
            synchronized (this) {
                if (!packets.isEmpty() && !writing) {
                    writing = true;
                    List<byte[]> taken = new ArrayList<>(packets);
                    packets.clear();
                    queuedBytes = 0;
                    wakeSenders();
                    return taken;
                }
                if (closed) {
                    return List.of();
                }
                waitingWriter = me;
            }
            scheduler.park(this, Long.MAX_VALUE);
        }
        return List.of();
    }

    /** Closes: queued packets are dropped; waiting senders and the writer return. */
    synchronized void close() {
        closed = true;
        packets.clear();
        queuedBytes = 0;
        wakeSenders();
        if (waitingWriter != null) {
            scheduler.unpark(waitingWriter);
            waitingWriter = null;
        }
    }

    /** Whether the queue holds its busy limit or more now. */
    synchronized boolean isBusy() {
        return queuedBytes >= busyLimit;
    }

    /** How many bytes are queued now. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** How many senders wait for room now. */
    synchronized int waitingSenders() {
        return waitingSenders.size();
    }

    private void wakeSenders() {
        for (Thread sender : waitingSenders) {
            scheduler.unpark(sender);
        }
    }

    /** The clock reading {@code wait} from now; {@link Long#MAX_VALUE} (no deadline) if that overflows. */
    private long deadline(Duration wait) {
        try {
            return Math.addExact(clock.nanoTime(), wait.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
