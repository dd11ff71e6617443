package io.jreign.mailbox;

import java.io.Serial;
import java.io.Serializable;

/**
 * Where a mailbox can be reached: a PID. A value (node identity plus a local id) that any thread
 * may send to, that travels in messages across the cluster and stays usable on the other side.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Identity.</b> Two addresses are equal when their {@link NodeId} (name <em>and</em>
 *       incarnation) and local id are equal. An address minted by an earlier run of a node is not
 *       equal to, and never reaches, a mailbox of the current run: messages to it are dropped and
 *       counted in {@link NodeStats#droppedStale()}, watches on it fire at once with
 *       {@link Reason#NO_PROC}.</li>
 *   <li><b>Send</b> never blocks on a local mailbox and never throws for a dead one: as in Erlang,
 *       a message to a closed or unknown mailbox is dropped and counted. Messages from one sender
 *       to one mailbox arrive in the order sent. A send over a transport may wait while that
 *       transport's bounded queue is full (back-pressure).</li>
 *   <li><b>Binding.</b> An address obtained from a {@link Node} (or decoded by one of its
 *       transports) is bound to that node. An address built by {@link #parse} or Java
 *       deserialization is bound on first use: to the node of this JVM it belongs to, else to the
 *       only node running in this JVM; with several nodes, use {@link Node#bind(Address)}.</li>
 * </ul>
 * The text form is {@code <name#incarnation.id>}, e.g. {@code <chat@host#3141592.42>}.
 */
public final class Address implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final NodeId node;
    private final long id;
    /** The target {@link Mailbox} for local fast sends, the {@link Node} that routes, or null. */
    private transient Object route;

    Address(NodeId node, long id, Object route) {
        this.node = node;
        this.id = id;
        this.route = route;
    }

    /**
     * An unbound address; it binds on first use as described above. Transports build bound ones
     * through their context instead.
     */
    public static Address of(NodeId node, long id) {
        if (node == null) {
            throw new NullPointerException("node");
        }
        return new Address(node, id, null);
    }

    /**
     * Parses the {@linkplain #toString() text form}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static Address parse(String text) {
        if (text == null || text.length() < 2 || text.charAt(0) != '<' || text.charAt(text.length() - 1) != '>') {
            throw new IllegalArgumentException("not an address (expected <name#incarnation.id>): " + text);
        }
        String body = text.substring(1, text.length() - 1);
        int dot = body.lastIndexOf('.');
        int hash = body.lastIndexOf('#');
        if (hash <= 0 || dot < hash + 2 || dot == body.length() - 1) {
            throw new IllegalArgumentException("not an address (expected <name#incarnation.id>): " + text);
        }
        try {
            long incarnation = Long.parseLong(body, hash + 1, dot, 10);
            long id = Long.parseLong(body, dot + 1, body.length(), 10);
            return of(new NodeId(body.substring(0, hash), incarnation), id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an address (bad number in " + text + ")", e);
        }
    }

    /** The node run this address belongs to. */
    public NodeId node() {
        return node;
    }

    /** The mailbox's id, unique within its node run. */
    public long id() {
        return id;
    }

    /**
     * Sends {@code message} to this address from any thread. Never throws for a closed, unknown or
     * stale mailbox (the message is dropped and counted). To a remote address it may wait while
     * the transport's bounded queue is full.
     *
     * @throws NullPointerException     if {@code message} is null
     * @throws IllegalArgumentException if the transport that carries it cannot encode the message
     *                                  (an unregistered class, one too large); nothing is sent
     * @throws IllegalStateException    if the address cannot be bound to a node in this JVM
     */
    public void send(Object message) {
        if (message == null) {
            throw new NullPointerException("message");
        }
        if (route instanceof Mailbox local) {
            local.deliver(message);
        } else {
            router().route(this, message);
        }
    }

    /**
     * Asks that {@code watcher} receive one {@link CloseNotification} when this address's mailbox
     * closes, wherever either of them lives. If it is closed already, or unknown, or its node
     * cannot be reached, the notification comes at once. Watching is a set: asking twice for the
     * same pair still gives one notification. A mailbox may watch itself (the notification is
     * dropped with its closed mailbox, as any message to it).
     */
    public void onCloseNotify(Address watcher) {
        router().watch(this, watcher);
    }

    /** Cancels {@link #onCloseNotify(Address)} for {@code watcher}; a no-op if it was not asked. */
    public void removeNotify(Address watcher) {
        router().unwatch(this, watcher);
    }

    Object route() {
        return route;
    }

    private Node router() {
        Object current = route;
        if (current instanceof Mailbox local) {
            return local.node();
        }
        if (current instanceof Node bound) {
            return bound;
        }
        Node resolved = LiveNodes.resolve(this);
        route = resolved;
        return resolved;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Address that && id == that.id && node.equals(that.node);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + node.hashCode();
    }

    @Override
    public String toString() {
        return "<" + node.name() + '#' + node.incarnation() + '.' + id + '>';
    }
}
