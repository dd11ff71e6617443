package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.ExportFun;
import io.jreign.otp.etf.LocalFun;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.CallException;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.process.Proc;
import io.jreign.otp.process.ProcessTable;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the resolve method of a name conflict where erl runs it: on the node of the pid that held
 * the name here ({@code rpc:call(node(Pid2), global, resolve_it, [Method2, Name, Pid, Pid2])}).
 * <ul>
 *   <li>On an Erlang node: through its {@code rex} server, as {@code rpc:call/4} does; a failed
 *       or timed-out call is {@code {badrpc, Reason}}.</li>
 *   <li>On this Java node, which runs no Erlang code: the three methods {@code global} exports
 *       are emulated ({@code random_exit_name}, {@code random_notify_name},
 *       {@code notify_all_name}); the local fun {@code register_name/2} installs is
 *       {@code random_exit_name}. Any other fun counts as one that crashed, so the name is
 *       unregistered on both sides (erl's answer to a method that fails).</li>
 * </ul>
 */
final class ConflictMethods implements NameExchange.Resolver {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictMethods.class);
    private static final Atom REX = Atom.of("rex");
    private static final Atom CALL = Atom.of("call");
    private static final Atom RESOLVE_IT = Atom.of("resolve_it");
    private static final Atom USER = Atom.of("user");
    private static final Atom EXIT = Atom.of("EXIT");

    private final ProcessTable table;
    private final Duration rpcTimeout;

    ConflictMethods(ProcessTable table, Duration rpcTimeout) {
        this.table = table;
        this.rpcTimeout = rpcTimeout;
    }

    @Override
    public Object resolve(Object method, Object name, Address hisPid, Address myPid) {
        try (Proc self = table.newProc()) {
            if (!myPid.node().equals(table.node().id())) {
                Tuple rex = Tuple.of(REX, Atom.of(myPid.node().name()));
                Tuple call = Tuple.of(CALL, GlobalTerms.GLOBAL, RESOLVE_IT, List.of(method, name, hisPid, myPid), USER);
                try {
                    return GenServer.call(self, rex, call, rpcTimeout);
                } catch (CallException e) {
                    return Tuple.of(GlobalTerms.BADRPC, e.reason());
                }
            }
            return runHere(self, methodName(method), name, hisPid, myPid);
        }
    }

    /** The name of a method global exports, or null for a fun Java cannot run. */
    static String methodName(Object method) {
        if (method instanceof ExportFun f && GlobalTerms.GLOBAL.equals(f.module()) && f.arity() == 3) {
            return f.function().name();
        }
        if (method instanceof LocalFun f && GlobalTerms.GLOBAL.equals(f.module()) && f.arity() == 3 && f.freeVars().isEmpty()) {
            return "random_exit_name"; // what global:register_name/2 installs
        }
        return null;
    }

    private static Object runHere(Proc self, String method, Object name, Address pid1, Address pid2) {
        boolean firstIsMin = pid1.node().name().compareTo(pid2.node().name()) < 0;
        Address min = firstIsMin ? pid1 : pid2;
        Address max = firstIsMin ? pid2 : pid1;
        switch (method == null ? "" : method) {
            case "random_exit_name" -> {
                LOG.info("global: Name conflict terminating {}", Tuple.of(name, max));
                self.exit(max, GlobalTerms.KILL);
                return min;
            }
            case "random_notify_name" -> {
                self.send(max, Tuple.of(GlobalTerms.NAME_CONFLICT, name));
                return min;
            }
            case "notify_all_name" -> {
                self.send(pid1, Tuple.of(GlobalTerms.NAME_CONFLICT, name, pid2));
                self.send(pid2, Tuple.of(GlobalTerms.NAME_CONFLICT, name, pid1));
                return GlobalTerms.NONE;
            }
            default -> {
                return Tuple.of(EXIT, Atom.of("method_not_runnable_on_java"));
            }
        }
    }
}
