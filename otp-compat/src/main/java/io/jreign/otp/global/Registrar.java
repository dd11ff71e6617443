package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.otp.dist.DistTransport;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.ExportFun;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.process.Proc;
import io.jreign.otp.process.ProcessTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers and unregisters global names from this node the way erl's registrar does
 * ({@code trans_all_known/1}): take the lock {@code {global, Registrar}} on the boss and then on
 * every known node (retrying after a random wait while another change holds it, and again if
 * a node became known meanwhile), make the change on all of them through their name servers,
 * release the lock. One change at a time per node.
 */
final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    /** The resolve method names registered from Java carry: global's default, as an export fun. */
    static final ExportFun RANDOM_EXIT_NAME = new ExportFun(GlobalTerms.GLOBAL, Atom.of("random_exit_name"), 3);

    private final ProcessTable table;
    private final DistTransport dist;
    private final Address server;
    private final LockTable locks;
    private final NameTable names;
    private final Duration callTimeout;
    private final Entropy entropy;

    Registrar(ProcessTable table, Address server, LockTable locks, NameTable names, Duration callTimeout) {
        this.table = table;
        this.dist = table.dist();
        this.server = server;
        this.locks = locks;
        this.names = names;
        this.callTimeout = callTimeout;
        this.entropy = table.node().entropy().split("global-registrar");
    }

    /** {@code register_name/3} with {@code method}; whether the name was free (and {@code pid} had no name yet). */
    synchronized boolean register(Object name, Address pid, Object method) {
        return underGlobalLock((wire, nodes) -> {
            if (names.get(name).isPresent()) {
                return false;
            }
            List<Object> held = new ArrayList<>(names.view().entrySet().stream()
                    .filter(e -> e.getValue().equals(pid)).map(e -> e.getKey()).toList());
            if (!held.isEmpty()) {
                held.addFirst(name);
                LOG.error("global: {} registered under several names: {}", pid, held); // as erl logs it
                return false;
            }
            wire.multiCall(nodes, Tuple.of(GlobalTerms.REGISTER, name, pid, method));
            return true;
        });
    }

    /** {@code unregister_name/1}. */
    synchronized void unregister(Object name) {
        if (names.get(name).isEmpty()) {
            return;
        }
        underGlobalLock((wire, nodes) -> {
            wire.multiCall(nodes, Tuple.of(GlobalTerms.UNREGISTER, name));
            return true;
        });
    }

    /** {@code trans_all_known/1}: {@code change} runs with the global lock held on every known node. */
    private boolean underGlobalLock(BiFunction<GlobalWire, List<String>, Boolean> change) {
        try (Proc self = table.newProc()) {
            GlobalWire wire = new GlobalWire(self, dist, callTimeout);
            LockCalls lockCalls = new LockCalls(wire, locks);
            Tuple lockId = Tuple.of(GlobalTerms.GLOBAL, self.self());
            List<String> nodes = lockKnown(self, lockCalls, lockId);
            try {
                return change.apply(wire, nodes);
            } finally {
                lockCalls.deleteGlobalLock(lockId, nodes);
            }
        }
    }

    /** {@code set_lock_known/2}: the nodes the lock is now held on (this one and every known one). */
    private List<String> lockKnown(Proc self, LockCalls lockCalls, Tuple lockId) {
        for (int times = 0; ; times++) {
            List<String> known = known(self);
            List<String> nodes = new ArrayList<>(known);
            nodes.addFirst(dist.self().name());
            String boss = Collections.max(nodes);
            if (lockCalls.set(lockId, List.of(boss))) {
                if (lockCalls.set(lockId, nodes) && new HashSet<>(known).containsAll(known(self))) {
                    return nodes;
                }
                lockCalls.delete(lockId, nodes);
            }
            randomWait(self, times);
        }
    }

    private List<String> known(Proc self) {
        return GlobalTerms.nodeNames(GenServer.call(self, server, GlobalTerms.GET_KNOWN, callTimeout));
    }

    /** {@code random_sleep/1}: up to 1/8 s doubling with each attempt, at most 8 s, on the node's clock. */
    private void randomWait(Proc self, int times) {
        long maxMillis = times > 5 ? 8000 : (1L << times) * 1000 / 8;
        self.receive(m -> false, Duration.ofMillis(1 + entropy.nextLong(maxMillis)));
    }
}
