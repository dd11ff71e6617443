package io.jreign.mailbox;

import io.jreign.mailbox.spi.DeferredWakes;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The owner's side of a mailbox: receive, selectively receive, close. Others reach it through its
 * {@link #address()}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Who may read.</b> Any thread, platform or virtual, inside a spawned process or not, but
 *       one at a time: a mailbox has a single reader. A receive that starts while another thread is
 *       inside a receive on the same mailbox throws {@link IllegalStateException} and takes nothing;
 *       handing a mailbox from one thread to another needs the usual happens-before (a queue, a
 *       join). Other methods ({@link #size()}, {@link #close}, {@link #isClosed()}) are safe from
 *       any thread.</li>
 *   <li><b>Order and exactly once.</b> Messages are kept in arrival order; a selective receive
 *       takes the first one that matches and leaves the ones it skips in place and in order, as
 *       Erlang's save queue does. Every message is received at most once; none is lost while the
 *       mailbox is open.</li>
 *   <li><b>Waiting.</b> A receive with no match parks the thread (it costs no CPU while waiting) and
 *       tests only messages that arrive later; a message once rejected in this call is not tested
 *       again. Timeouts are measured on the node's {@link io.jreign.mailbox.spi.Clock}. A timeout of
 *       zero looks at what is queued and returns at once ({@code after 0}).</li>
 *   <li><b>Closed.</b> A receive on a closed mailbox, or one closed while a receive waits, throws
 *       {@link MailboxClosedException} with the reason; messages still queued are dropped and
 *       counted in {@link NodeStats#droppedAtClose()}. Sends to a closed mailbox are dropped and
 *       counted in {@link NodeStats#droppedToClosed()}. Closing releases the mailbox's names and
 *       notifies every watcher exactly once. Close is idempotent: the first reason wins.</li>
 *   <li><b>Interrupts.</b> A receive whose thread is interrupted throws
 *       {@link ReceiveInterruptedException} (or {@link MailboxClosedException} if the mailbox was
 *       also closed, as {@link Node#kill} does).</li>
 *   <li><b>Matchers</b> run on the reader's thread, must not receive on the same mailbox, and should
 *       be quick; a matcher that throws leaves the message in place and the exception propagates.</li>
 * </ul>
 */
public final class Mailbox extends MessageQueue implements AutoCloseable {
    private final Node node;
    private final Address address;
    private volatile Object closeReason;
    /** Null, one {@link Address}, or a {@code LinkedHashSet<Address>}; guarded by {@code this}. */
    private Object watchers;
    /**
     * Names held: null, one {@code String} or a {@code Set<String>}; written under the node's name
     * table lock, volatile so closing can skip the lock when there are none.
     */
    volatile Object names;
    /** The thread of the process that owns this mailbox, if it was spawned; for {@link Node#kill}. */
    volatile Thread process;

    Mailbox(Node node, NodeId nodeId, long id) {
        this.node = node;
        this.address = new Address(nodeId, id, this);
    }

    /** This mailbox's address, to hand to others. */
    public Address address() {
        return address;
    }

    // ---- receive next -------------------------------------------------------------------------

    /** Takes the next message, waiting as long as it takes. */
    public Object receive() {
        return take(null, null, Long.MAX_VALUE);
    }

    /** Takes the next message, waiting at most {@code timeout}; empty if none came in time. */
    public Optional<Object> receive(Duration timeout) {
        return result(take(null, null, deadline(timeout)));
    }

    /** Takes the next message if one is queued, without waiting. */
    public Optional<Object> tryReceive() {
        return receive(Duration.ZERO);
    }

    // ---- selective receive --------------------------------------------------------------------

    /** Takes the first message {@code matcher} accepts, waiting as long as it takes. */
    public Object receive(Predicate<Object> matcher) {
        return take(requireMatcher(matcher), null, Long.MAX_VALUE);
    }

    /** Takes the first message {@code matcher} accepts, waiting at most {@code timeout}. */
    public Optional<Object> receive(Predicate<Object> matcher, Duration timeout) {
        return result(take(requireMatcher(matcher), null, deadline(timeout)));
    }

    /** Takes the first message of {@code type}, waiting as long as it takes. */
    public <T> T receive(Class<T> type) {
        return type.cast(take(type::isInstance, null, Long.MAX_VALUE));
    }

    /** Takes the first message of {@code type}, waiting at most {@code timeout}. */
    public <T> Optional<T> receive(Class<T> type, Duration timeout) {
        return result(take(type::isInstance, null, deadline(timeout))).map(type::cast);
    }

    /** Takes the first message of {@code type} that {@code matcher} accepts, waiting as long as it takes. */
    public <T> T receive(Class<T> type, Predicate<? super T> matcher) {
        return type.cast(take(typed(type, matcher), null, Long.MAX_VALUE));
    }

    /** Takes the first message of {@code type} that {@code matcher} accepts, waiting at most {@code timeout}. */
    public <T> Optional<T> receive(Class<T> type, Predicate<? super T> matcher, Duration timeout) {
        return result(take(typed(type, matcher), null, deadline(timeout))).map(type::cast);
    }

    // ---- receive after a mark -----------------------------------------------------------------

    /**
     * Marks the current end of the queue. Take it <em>before</em> sending a request, then receive
     * the reply with {@link #receive(Mark, Class, Predicate)}: only messages that arrive after the
     * mark are looked at, however many are queued before it.
     */
    public Mark mark() {
        return new Mark(this, markPosition());
    }

    /**
     * Takes the first message that arrived after {@code mark}, is of {@code type} and is accepted
     * by {@code matcher}, waiting as long as it takes. Messages from before the mark are not
     * considered and stay queued.
     *
     * @throws IllegalArgumentException if {@code mark} belongs to another mailbox
     */
    public <T> T receive(Mark mark, Class<T> type, Predicate<? super T> matcher) {
        return type.cast(take(typed(type, matcher), position(mark), Long.MAX_VALUE));
    }

    /** As {@link #receive(Mark, Class, Predicate)}, waiting at most {@code timeout}. */
    public <T> Optional<T> receive(Mark mark, Class<T> type, Predicate<? super T> matcher, Duration timeout) {
        return result(take(typed(type, matcher), position(mark), deadline(timeout))).map(type::cast);
    }

    // ---- state --------------------------------------------------------------------------------

    /**
     * The number of messages waiting. Exact when called by the reader; from another thread it is a
     * momentary reading of a changing number.
     */
    public long size() {
        return isClosed() ? 0 : queued();
    }

    /** Whether this mailbox has been closed. */
    public boolean isClosed() {
        return closeReason != null;
    }

    /** The reason it was closed with, or empty while open. */
    public Optional<Object> closeReason() {
        return Optional.ofNullable(closeReasonOrNull());
    }

    /** Closes with {@link Reason#NORMAL}. */
    @Override
    public void close() {
        close(Reason.NORMAL);
    }

    /**
     * Closes this mailbox with {@code reason}, from any thread: a waiting receive throws
     * {@link MailboxClosedException}, queued messages are dropped, names are released, and every
     * watcher gets one {@link CloseNotification}. Later calls do nothing.
     *
     * @return whether this call closed it
     */
    public boolean close(Object reason) {
        if (reason == null) {
            throw new NullPointerException("reason");
        }
        Object toNotify;
        synchronized (this) {
            if (closeReason != null) {
                return false;
            }
            closeReason = reason;
            toNotify = watchers;
            watchers = null;
        }
        Thread sleeping = waitingReader();
        if (sleeping != null) {
            wake(sleeping);
        }
        release();
        node.closed(this, reason, watcherList(toNotify));
        return true;
    }

    @Override
    public String toString() {
        return "Mailbox" + address + (isClosed() ? "(closed: " + closeReason + ")" : "");
    }

    // ---- package internals --------------------------------------------------------------------

    Node node() {
        return node;
    }

    /** A send to this mailbox: enqueue, or drop and count if closed. */
    void deliver(Object message) {
        deliver(message, null);
    }

    /** {@link #deliver(Object)}, its wake-up deferred to {@code wakes} if not null. */
    void deliver(Object message, DeferredWakes wakes) {
        if (closeReason != null || !enqueue(message, wakes)) {
            node.countDroppedToClosed();
        }
    }

    /** Adds a watcher; false if already closed (the caller notifies it). */
    synchronized boolean addWatcher(Address watcher) {
        if (closeReason != null) {
            return false;
        }
        Object current = watchers;
        if (current == null) {
            watchers = watcher;
        } else if (current instanceof Address single) {
            if (!single.equals(watcher)) {
                LinkedHashSet<Address> set = new LinkedHashSet<>();
                set.add(single);
                set.add(watcher);
                watchers = set;
            }
        } else {
            watcherSet(current).add(watcher);
        }
        return true;
    }

    synchronized void removeWatcher(Address watcher) {
        Object current = watchers;
        if (current instanceof Address single) {
            if (single.equals(watcher)) {
                watchers = null;
            }
        } else if (current != null) {
            watcherSet(current).remove(watcher);
        }
    }

    Object closeReasonOrNull() {
        return closeReason;
    }

    @Override
    Object closedWith() {
        return closeReason;
    }

    @Override
    void droppedAtRelease(long count) {
        node.countDroppedAtClose(count);
    }

    @Override
    RuntimeException closedException(Object reason) {
        return new MailboxClosedException(address, reason);
    }

    @Override
    RuntimeException interruptedException() {
        return new ReceiveInterruptedException(address);
    }

    @Override
    void wake(Thread thread) {
        node.scheduler().unpark(thread);
    }

    @Override
    void sleep(long deadline) {
        node.scheduler().park(this, deadline);
    }

    @Override
    long now() {
        return node.clock().nanoTime();
    }

    @SuppressWarnings("unchecked")
    private static Set<Address> watcherSet(Object watchers) {
        return (Set<Address>) watchers;
    }

    private static List<Address> watcherList(Object watchers) {
        if (watchers == null) {
            return List.of();
        }
        if (watchers instanceof Address single) {
            return List.of(single);
        }
        return List.copyOf(watcherSet(watchers));
    }

    /** A deadline on the node's clock; {@link Long#MAX_VALUE} for timeouts too long to tell from forever. */
    private long deadline(Duration timeout) {
        long now = now();
        if (timeout.isNegative() || timeout.isZero()) {
            return now - 1;
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException beyond292Years) {
            return Long.MAX_VALUE;
        }
        return nanos == Long.MAX_VALUE ? Long.MAX_VALUE : now + nanos; // compared wrap-safely
    }

    private Cell position(Mark mark) {
        if (mark.owner != this) {
            throw new IllegalArgumentException(mark + " was taken on another mailbox than " + address);
        }
        return mark.position;
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Object> requireMatcher(Predicate<Object> matcher) {
        if (matcher == null) {
            throw new NullPointerException("matcher");
        }
        return matcher;
    }

    @SuppressWarnings("unchecked")
    private static <T> Predicate<Object> typed(Class<T> type, Predicate<? super T> matcher) {
        if (matcher == null) {
            throw new NullPointerException("matcher");
        }
        return message -> type.isInstance(message) && ((Predicate<Object>) matcher).test(message);
    }

    private static Optional<Object> result(Object taken) {
        return taken == TIMED_OUT ? Optional.empty() : Optional.of(taken);
    }
}
