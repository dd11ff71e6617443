package io.jreign.otp.demo;

import io.jreign.mailbox.Address;
import io.jreign.otp.dist.ExitReasons;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.From;
import io.jreign.otp.gen.Result;
import io.jreign.otp.gen.Server;
import io.jreign.otp.process.Down;
import io.jreign.otp.process.Exit;
import io.jreign.otp.process.Proc;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo node's {@code echo} server. It traps exits.
 *
 * <pre>
 *  call {monitor, Pid}   -> monitors Pid, replies ok; on its DOWN sends {down, Pid, Reason} to the caller
 *  call {link, Pid}      -> links to Pid, replies ok; Pid's exit signal reaches the caller as
 *                           {'EXIT', Pid, Reason}
 *  call {stop, Reason}   -> replies ok, stops with Reason
 *  call X                -> X
 *  cast {send, To, Msg}  -> To ! Msg  (To: a pid, or a registered name on this node)
 *  info {ping, From}     -> From ! pong
 * </pre>
 */
public final class EchoServer implements Server<EchoServer.State> {
    private static final Atom MONITOR = Atom.of("monitor");
    private static final Atom LINK = Atom.of("link");
    private static final Atom STOP = Atom.of("stop");
    private static final Atom SEND = Atom.of("send");
    private static final Atom PING = Atom.of("ping");
    private static final Atom PONG = Atom.of("pong");
    private static final Atom DOWN = Atom.of("down");

    /**
     * The server's process, and who asked for each monitor and link (their DOWN and EXIT go to
     * the asker).
     */
    public record State(Proc self, Map<Ref, Address> monitorAskers, Map<Address, Address> linkAskers) {}

    @Override
    public State init(Proc self, Object args) {
        self.trapExit(true);
        return new State(self, new HashMap<>(), new HashMap<>());
    }

    @Override
    public Result<State> handleCall(Object request, From from, State state) {
        if (request instanceof Tuple t && t.size() == 2 && t.get(1) instanceof Address pid) {
            if (MONITOR.equals(t.get(0))) {
                state.monitorAskers().put(state.self().monitor(pid), from.pid());
                return Result.reply(Atom.OK, state);
            }
            if (LINK.equals(t.get(0))) {
                state.linkAskers().put(pid, from.pid());
                state.self().link(pid);
                return Result.reply(Atom.OK, state);
            }
        }
        if (request instanceof Tuple t && t.size() == 2 && STOP.equals(t.get(0))) {
            return Result.stop(t.get(1), Atom.OK, state);
        }
        return Result.reply(request, state);
    }

    @Override
    public Result<State> handleCast(Object message, State state) {
        if (message instanceof Tuple t && t.size() == 3 && SEND.equals(t.get(0))) {
            switch (t.get(1)) {
                case Address to -> state.self().send(to, t.get(2));
                case Atom name -> state.self().send(name.name(), state.self().self().node().name(), t.get(2));
                default -> { }
            }
        }
        return Result.noreply(state);
    }

    @Override
    public Result<State> handleInfo(Object message, State state) {
        switch (message) {
            case Tuple t when t.size() == 2 && PING.equals(t.get(0)) && t.get(1) instanceof Address from ->
                    state.self().send(from, PONG);
            case Down down when state.monitorAskers().containsKey(down.ref()) ->
                    state.self().send(state.monitorAskers().remove(down.ref()),
                            Tuple.of(DOWN, down.object(), ExitReasons.toTerm(down.reason())));
            case Exit exit when exit.from() instanceof Address pid && state.linkAskers().containsKey(pid) ->
                    state.self().send(state.linkAskers().remove(pid), exit);
            default -> { }
        }
        return Result.noreply(state);
    }
}
