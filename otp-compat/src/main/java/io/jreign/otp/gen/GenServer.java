package io.jreign.otp.gen;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mark;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.ImproperList;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.process.Down;
import io.jreign.otp.process.Proc;
import io.jreign.otp.process.ProcessTable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The generic part of a gen_server (see {@link Server} for the callbacks and the wire messages):
 * {@link #start} runs a server in a process, {@link #call} and {@link #cast} talk to any
 * gen_server — Java or Erlang, local or remote — and {@link #reply} answers a call later.
 *
 * <p>A target is a pid ({@link Address}), a local registered name ({@code String}), or
 * {@code {Name, Node}} as a {@link Tuple} of two atoms.
 */
public final class GenServer {
    static final Atom TIMEOUT = Atom.of("timeout");
    private static final Atom GEN_CALL = Atom.of("$gen_call");
    private static final Atom GEN_CAST = Atom.of("$gen_cast");
    private static final Atom ALIAS = Atom.of("alias");

    private GenServer() {
    }

    /** What the starter hears from the new server. */
    private record Started(Object failure) {}

    /**
     * Starts {@code server} in a new process (registered as {@code name} unless null) and waits
     * for its {@link Server#init} to finish.
     *
     * @return the server's pid
     * @throws CallException if init throws (reason: the exception) or takes longer than {@code timeout}
     */
    public static <S> Address start(ProcessTable table, String name, Server<S> server, Object args, Duration timeout) {
        Objects.requireNonNull(server, "server");
        try (Proc starter = table.newProc()) {
            Address starterPid = starter.self();
            Address pid = table.spawn(name, self -> run(self, server, args, starterPid));
            Object answer = starter.receive(Started.class, timeout)
                    .orElseThrow(() -> new CallException(TIMEOUT, "init of " + pid + " took longer than " + timeout));
            Object failure = ((Started) answer).failure();
            if (failure != null) {
                throw new CallException(failure, "init of " + pid + " failed: " + failure);
            }
            return pid;
        }
    }

    private static <S> void run(Proc self, Server<S> server, Object args, Address starter) throws Exception {
        S state;
        try {
            state = server.init(self, args);
        } catch (Exception e) {
            starter.send(new Started(e));
            throw e;
        }
        starter.send(new Started(null));
        while (true) {
            Object message = self.receive();
            Result<S> result;
            From from = null;
            try {
                if (message instanceof Tuple t && t.size() == 3 && GEN_CALL.equals(t.get(0))
                        && t.get(1) instanceof Tuple f && f.size() == 2 && f.get(0) instanceof Address caller) {
                    from = new From(caller, f.get(1));
                    result = server.handleCall(t.get(2), from, state);
                } else if (message instanceof Tuple t && t.size() == 2 && GEN_CAST.equals(t.get(0))) {
                    result = server.handleCast(t.get(1), state);
                } else {
                    result = server.handleInfo(message, state);
                }
            } catch (Exception e) {
                server.terminate(e, state);
                throw e;
            }
            switch (result) {
                case Result.Reply<S> r -> {
                    if (from != null) {
                        reply(self, from, r.reply());
                    }
                }
                case Result.NoReply<S> n -> { }
                case Result.Stop<S> stop -> {
                    if (from != null && stop.reply() != null) {
                        reply(self, from, stop.reply());
                    }
                    server.terminate(stop.reason(), stop.state());
                    self.exit(stop.reason());
                    return;
                }
            }
            state = result.state();
        }
    }

    /**
     * {@code gen_server:reply(From, Reply)} from {@code self}: {@code {Tag, Reply}} to the caller,
     * through the alias when the tag is {@code [alias | Ref]}.
     */
    public static void reply(Proc self, From from, Object reply) {
        Tuple message = Tuple.of(from.tag(), reply);
        if (from.tag() instanceof ImproperList tag && tag.elements().size() == 1 && ALIAS.equals(tag.elements().getFirst())
                && tag.tail() instanceof Ref alias) {
            self.send(alias, message);
        } else {
            self.send(from.pid(), message);
        }
    }

    /**
     * {@code gen_server:call(Target, Request, Timeout)} from {@code caller}: monitors the target,
     * sends {@code {'$gen_call', {Self, MRef}, Request}} and waits for {@code {MRef, Reply}}.
     *
     * @throws CallException if the target is or goes down (reason: its exit reason, e.g.
     *                       {@code noproc}), or no reply comes within {@code timeout}
     */
    public static Object call(Proc caller, Object target, Object request, Duration timeout) {
        Mark mark = caller.mailbox().mark();
        Ref ref = monitorAndSend(caller, target, r -> Tuple.of(GEN_CALL, Tuple.of(caller.self(), r), request));
        Optional<Object> answer = caller.receive(mark, Object.class,
                m -> (m instanceof Tuple t && t.size() == 2 && ref.equals(t.get(0)))
                        || (m instanceof Down d && d.ref().equals(ref)), timeout);
        caller.demonitor(ref, true);
        if (answer.isEmpty()) {
            throw new CallException(TIMEOUT, "no reply from " + target + " within " + timeout);
        }
        if (answer.get() instanceof Down down) {
            throw new CallException(down.reason(), target + " is down: " + down.reason());
        }
        return ((Tuple) answer.get()).get(1);
    }

    /** {@code gen_server:cast(Target, Message)}: sends {@code {'$gen_cast', Message}}; never fails. */
    public static void cast(Proc caller, Object target, Object message) {
        send(caller, target, Tuple.of(GEN_CAST, message));
    }

    /** Monitors {@code target} and sends it the message made with the monitor's ref (one write to a remote node). */
    private static Ref monitorAndSend(Proc caller, Object target, Function<Ref, Object> message) {
        return switch (target) {
            case Address pid -> caller.monitorAndSend(pid, message);
            case String name -> caller.monitorAndSend(name, caller.self().node().name(), message);
            case Tuple t when t.size() == 2 && t.get(0) instanceof Atom name && t.get(1) instanceof Atom node ->
                    caller.monitorAndSend(name.name(), node.name(), message);
            default -> throw new IllegalArgumentException("not a gen_server target: " + target);
        };
    }

    private static void send(Proc caller, Object target, Object message) {
        switch (target) {
            case Address pid -> caller.send(pid, message);
            case String name -> caller.send(name, caller.self().node().name(), message);
            case Tuple t when t.size() == 2 && t.get(0) instanceof Atom name && t.get(1) instanceof Atom node ->
                    caller.send(name.name(), node.name(), message);
            default -> throw new IllegalArgumentException("not a gen_server target: " + target);
        }
    }
}
