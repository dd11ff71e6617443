package io.jreign.otp.process;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.MailboxClosedException;
import io.jreign.mailbox.Mark;
import io.jreign.otp.etf.Ref;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An Erlang-style process: a jreign {@link Mailbox} with links, monitors, exit signals and
 * {@code trap_exit}, talking to local mailboxes and Erlang nodes alike.
 *
 * <pre>{@code
 * otp.spawn(self -> {
 *     self.trapExit(true);
 *     self.link(worker);
 *     Ref ref = self.monitor("db", "erl@host");
 *     switch (self.receive()) {
 *         case Exit(Object from, Object reason) -> ...   // {'EXIT', From, Reason}
 *         case Down d when d.ref().equals(ref) -> ...     // {'DOWN', Ref, process, Obj, Reason}
 *         default -> ...
 *     }
 * });
 * }</pre>
 *
 * <h2>Semantics (as Erlang's)</h2>
 * <ul>
 *   <li><b>Links</b> are symmetric and a set: when either side ends with reason R, the other gets
 *       an exit signal R. A link to a process that is gone, or whose node cannot be reached,
 *       delivers {@code noproc} / {@code noconnection} at once. {@link #unlink} follows the
 *       UNLINK_ID protocol: until the other side acknowledges, the link is inactive and exit
 *       signals it brings are dropped (see {@code Links}). {@link #spawnLink} links before the
 *       new process runs.</li>
 *   <li><b>Exit signals</b>: {@code normal} is ignored unless trapping (a process's
 *       {@code exit(self(), normal)} kills it); {@code exit(P, kill)}
 *       kills with {@code killed} whatever P traps; with {@link #trapExit} other signals become
 *       {@link Exit} messages; otherwise the process is killed with the reason (its mailbox closes
 *       and its thread is interrupted: a process busy in pure computation dies at its next
 *       receive).</li>
 *   <li><b>Monitors</b> are one-way and not a set: each {@link #monitor} gives its own ref and
 *       one {@link Down}; {@code noproc} at once for a missing process or name.</li>
 *   <li>A lost node fires every link and monitor across it with {@code noconnection}.</li>
 * </ul>
 * One thread reads a mailbox at a time (see {@link Mailbox}); the signal methods are safe from any
 * thread. Closing a {@code Proc} closes its mailbox with {@code normal}.
 */
public final class Proc implements AutoCloseable {
    private final ProcessTable table;
    private final Mailbox mailbox;

    /** The process view of {@code mailbox}, a mailbox of {@code table}'s node. */
    public Proc(ProcessTable table, Mailbox mailbox) {
        this.table = table;
        this.mailbox = mailbox;
    }

    /** This process's pid. */
    public Address self() {
        return mailbox.address();
    }

    /** The mailbox, for every receive variant. */
    public Mailbox mailbox() {
        return mailbox;
    }

    // ---- messages -----------------------------------------------------------------------------

    /** {@code To ! Message}, carrying this process as sender to Erlang nodes (SEND_SENDER). */
    public void send(Address to, Object message) {
        if (to.node().equals(self().node()) || !table.dist().reaches(to.node())) {
            table.node().bind(to).send(message);
        } else {
            table.dist().send(self(), to, message);
        }
    }

    /** {@code {Name, Node} ! Message}; a name on this node is looked up locally (dropped if unknown). */
    public void send(String name, String node, Object message) {
        table.dist().send(self(), name, node, message);
    }

    /** {@code Alias ! Message}. */
    public void send(Ref alias, Object message) {
        table.dist().sendAlias(self(), alias, message);
    }

    /** The next message, waiting as long as it takes. */
    public Object receive() {
        return mailbox.receive();
    }

    /** The next message, waiting at most {@code timeout}. */
    public Optional<Object> receive(Duration timeout) {
        return mailbox.receive(timeout);
    }

    /** The first message {@code matcher} accepts, waiting at most {@code timeout}. */
    public Optional<Object> receive(Predicate<Object> matcher, Duration timeout) {
        return mailbox.receive(matcher, timeout);
    }

    /** The first message of {@code type}, waiting at most {@code timeout}. */
    public <T> Optional<T> receive(Class<T> type, Duration timeout) {
        return mailbox.receive(type, timeout);
    }

    /** The first message of {@code type} that {@code matcher} accepts, waiting at most {@code timeout}. */
    public <T> Optional<T> receive(Class<T> type, Predicate<? super T> matcher, Duration timeout) {
        return mailbox.receive(type, matcher, timeout);
    }

    /** The first message of {@code type} that {@code matcher} accepts and that arrived after {@code mark}. */
    public <T> Optional<T> receive(Mark mark, Class<T> type, Predicate<? super T> matcher, Duration timeout) {
        return mailbox.receive(mark, type, matcher, timeout);
    }

    // ---- signals ------------------------------------------------------------------------------

    /** {@code process_flag(trap_exit, Trap)}. */
    public void trapExit(boolean trap) {
        table.trapExit(self(), trap);
    }

    /** Whether this process traps exits. */
    public boolean trapsExit() {
        return table.trapsExit(self());
    }

    /** {@code link(Other)}. */
    public void link(Address other) {
        table.link(self(), table.node().bind(other));
    }

    /**
     * {@code spawn_link(Fun)}: a new process on this node, linked to this one before it runs (no
     * moment when it runs unlinked; see {@link ProcessTable#spawnLink}).
     */
    public Address spawnLink(ProcBody body) {
        return table.spawnLink(self(), null, body);
    }

    /** {@code spawn_link} of a process registered as {@code name} (before it runs). */
    public Address spawnLink(String name, ProcBody body) {
        return table.spawnLink(self(), name, body);
    }

    /** Whether this process is linked to {@code other} (an active link: not one being unlinked). */
    public boolean isLinked(Address other) {
        return table.isLinked(self(), table.node().bind(other));
    }

    /** {@code unlink(Other)} (UNLINK_ID for a remote process). */
    public void unlink(Address other) {
        table.unlink(self(), table.node().bind(other));
    }

    /** {@code monitor(process, Pid)}. */
    public Ref monitor(Address target) {
        return table.monitor(self(), table.node().bind(target));
    }

    /** {@code monitor(process, {Name, Node})}; {@link Down} with {@code noproc} at once if the name is free. */
    public Ref monitor(String name, String node) {
        return table.monitor(self(), name, node);
    }

    /**
     * {@code monitor(process, Target)}, then {@code Target ! message(Ref)} with the monitor's
     * ref, as {@code gen_server:call} begins. To a process on another Erlang node both leave in
     * one socket write (one packet pair on the wire instead of two writes).
     */
    public Ref monitorAndSend(Address target, Function<Ref, Object> message) {
        if (target.node().equals(self().node()) || !table.dist().reaches(target.node())) {
            Ref ref = monitor(target);
            send(target, message.apply(ref));
            return ref;
        }
        return table.monitorAndSend(self(), table.node().bind(target), message);
    }

    /** As {@link #monitorAndSend(Address, Function)} for {@code {Name, Node}}. */
    public Ref monitorAndSend(String name, String node, Function<Ref, Object> message) {
        if (node.equals(self().node().name())) {
            Ref ref = monitor(name, node);
            send(name, node, message.apply(ref));
            return ref;
        }
        return table.monitorAndSend(self(), name, node, message);
    }

    /** {@code demonitor(Ref)}; with {@code flush}, also removes a {@link Down} for it already queued. */
    public boolean demonitor(Ref ref, boolean flush) {
        boolean active = table.demonitor(self(), ref);
        if (flush) {
            mailbox.receive(m -> m instanceof Down d && d.ref().equals(ref), Duration.ZERO);
        }
        return active;
    }

    /**
     * {@code exit(Target, Reason)}: an exit signal from this process. A signal to this process
     * itself acts as in Erlang: {@code kill} kills it (reason {@code killed}), {@code normal}
     * kills it with {@code normal} unless it traps exits (then it gets
     * {@code {'EXIT', Self, normal}}), any other reason kills it unless it traps exits. When the
     * signal kills the caller, this method does not return: it throws the
     * {@link MailboxClosedException} a process body ends with, so no code after it runs (Erlang
     * executes nothing after such a signal either).
     *
     * @throws MailboxClosedException if the signal killed this process
     */
    public void exit(Address target, Object reason) {
        Address bound = table.node().bind(target);
        table.exit(self(), bound, reason);
        if (bound.equals(self()) && mailbox.isClosed()) {
            throw new MailboxClosedException(self(), mailbox.closeReason().orElse(reason));
        }
    }

    /** {@code alias()}: a reference that routes messages to this process until {@link #unalias}. */
    public Ref alias() {
        return table.alias(self());
    }

    /** {@code unalias(Alias)}. */
    public boolean unalias(Ref alias) {
        return table.unalias(alias);
    }

    /** Ends this process with {@code reason} (its links and monitors fire). */
    public void exit(Object reason) {
        mailbox.close(reason);
    }

    @Override
    public void close() {
        mailbox.close();
    }

    @Override
    public String toString() {
        return "Proc" + self();
    }
}
