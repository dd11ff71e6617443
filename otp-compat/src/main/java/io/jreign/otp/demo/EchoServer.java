package io.jreign.otp.demo;

import io.jreign.mailbox.Address;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.From;
import io.jreign.otp.gen.Result;
import io.jreign.otp.gen.Server;
import io.jreign.otp.process.Proc;

/**
 * The demo node's {@code echo} server.
 *
 * <pre>
 *  call {monitor, Pid}   -> monitors Pid, replies the monitor ref; its DOWN is forwarded to the caller
 *  call {link, Pid}      -> links to Pid, replies ok (an exit signal from it kills the server)
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

    /** The server's process, and who asked for the latest monitor. */
    public record State(Proc self, Address monitorOwner) {}

    @Override
    public State init(Proc self, Object args) {
        return new State(self, null);
    }

    @Override
    public Result<State> handleCall(Object request, From from, State state) {
        if (request instanceof Tuple t && t.size() == 2 && t.get(1) instanceof Address pid) {
            if (MONITOR.equals(t.get(0))) {
                return Result.reply(state.self().monitor(pid), new State(state.self(), from.pid()));
            }
            if (LINK.equals(t.get(0))) {
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
        if (message instanceof Tuple t && t.size() == 2 && PING.equals(t.get(0)) && t.get(1) instanceof Address from) {
            state.self().send(from, PONG);
        } else if (message instanceof io.jreign.otp.process.Down down && state.monitorOwner() != null) {
            state.self().send(state.monitorOwner(), down);
        }
        return Result.noreply(state);
    }
}
