package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.otp.dist.DistFlags;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.CallException;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.process.Proc;
import io.jreign.otp.process.ProcessTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Erlang's {@code global} on a jreign node: a {@code global_name_server} that takes part in the
 * global name registry of the Erlang (and jreign) nodes it is connected to, as an Erlang node
 * does. When a visible node connects, the two name servers sync (a lock on every node they know,
 * then an exchange of names, conflicts resolved by the names' resolve methods), so
 * {@code global:sync()} on the Erlang side returns with this node connected, and
 * {@code global:register_name/2}, {@code whereis_name/1} and {@code send/2} keep working there,
 * with this node holding a copy of the table.
 *
 * <p>What differs from erl's global: names registered here carry global's default resolve method
 * as an export fun (erl's {@code register_name/2} uses a local fun); resolve methods of
 * conflicting names that live on this node run only if they are global's own three
 * (see {@link ConflictMethods}); calls to other name servers give up after
 * {@link GlobalConfig#callTimeout()} where erl waits forever; the tables are bounded
 * ({@link GlobalConfig}). A hidden node takes no part.
 *
 * <p>Thread-safe; reads ({@link #whereis}, {@link #registeredNames}) do not go through the
 * server, as erl's {@code whereis_name/1} reads its table directly.
 */
public final class Global {
    private final ProcessTable table;
    private final GlobalConfig config;
    private final NameTable names;
    private final GlobalNameServer server;
    private final Address serverPid;
    private final Registrar registrar;

    private Global(ProcessTable table, GlobalConfig config, NameTable names, GlobalNameServer server, Address pid,
                   Registrar registrar) {
        this.table = table;
        this.config = config;
        this.names = names;
        this.server = server;
        this.serverPid = pid;
        this.registrar = registrar;
    }

    /**
     * Starts {@code global_name_server} (and its locker) on {@code table}'s node.
     *
     * @throws CallException if the server does not start
     */
    public static Global start(ProcessTable table, GlobalConfig config) {
        Objects.requireNonNull(config, "config");
        NameTable names = new NameTable(config.maxNames());
        LockTable locks = new LockTable(config.maxLocks());
        GlobalNameServer server = new GlobalNameServer(table, config, names, locks);
        Address pid = GenServer.start(table, GlobalTerms.SERVER, server, null, Duration.ofSeconds(10));
        return new Global(table, config, names, server, pid, new Registrar(table, pid, locks, names, config.callTimeout()));
    }

    /** {@code global:whereis_name(Name)}: the pid registered as {@code name} on the nodes this one synced with. */
    public Optional<Address> whereis(Object name) {
        return Optional.ofNullable(names.view().get(name));
    }

    /**
     * {@code global:register_name(Name, Pid)}: registers {@code name} for {@code pid} on this node
     * and every node it is synced with, under the global lock, with global's default resolve
     * method ({@code random_exit_name}: if two partitions that both hold the name meet, the pid on
     * the greater node name is killed). Waits while other nodes change names.
     *
     * @return false if the name is taken, or {@code pid} holds another global name already
     */
    public boolean register(Object name, Address pid) {
        return registrar.register(Objects.requireNonNull(name, "name"), Objects.requireNonNull(pid, "pid"),
                Registrar.RANDOM_EXIT_NAME);
    }

    /** {@code global:unregister_name(Name)}: on this node and every node it is synced with. */
    public void unregister(Object name) {
        registrar.unregister(Objects.requireNonNull(name, "name"));
    }

    /** {@code global:registered_names()} with their pids: a snapshot. */
    public Map<Object, Address> registeredNames() {
        return Map.copyOf(names.view());
    }

    /** The nodes this node has synced its names with. */
    public Set<String> syncedNodes() {
        return server.syncedNodes();
    }

    /**
     * {@code global:sync()}: waits until this node has synced with every visible node it is
     * connected to now (or those are gone).
     *
     * @return false if that took longer than {@code timeout}
     */
    public boolean sync(Duration timeout) {
        DistTransport dist = table.dist();
        List<Atom> nodes = config.hidden() ? List.of() : dist.connectedNodes().stream()
                .filter(n -> dist.peerFlags(n).stream().anyMatch(f -> DistFlags.has(f, DistFlags.PUBLISHED)))
                .map(Atom::of).toList();
        try (Proc caller = table.newProc()) {
            GenServer.call(caller, serverPid, Tuple.of(GlobalTerms.SYNC, nodes), timeout);
            return true;
        } catch (CallException e) {
            if (e.isTimeout()) {
                return false;
            }
            throw e;
        }
    }

    /** The pid of this node's {@code global_name_server}. */
    public Address server() {
        return serverPid;
    }
}
