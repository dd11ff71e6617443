package io.jreign.otp.gen;

import io.jreign.otp.process.Proc;

/**
 * A gen_server behaviour in Java: the callbacks; {@link GenServer} is the generic part that runs
 * them in a process and speaks gen_server's wire messages, so Erlang's {@code gen_server:call/2}
 * and {@code gen_server:cast/2} reach a Java server and {@link GenServer#call} reaches an Erlang one.
 *
 * <pre>
 *  GenServer.start ----------------------> init(self, args)       -> state
 *  GenServer.call / gen_server:call -----> handleCall(req, from, state)  -> reply | noreply | stop
 *  GenServer.cast / gen_server:cast -----> handleCast(msg, state)        -> noreply | stop
 *  any other message (Exit, Down, ...) --> handleInfo(msg, state)        -> noreply | stop
 *  stop, or a callback throws -----------> terminate(reason, state)
 *
 *  wire:  call   {'$gen_call', {Pid, Tag}, Request}   Tag: a ref, or [alias | Ref] (OTP 24+)
 *         reply  {Tag, Reply} sent to Pid, or to the alias Ref when Tag is [alias | Ref]
 *         cast   {'$gen_cast', Message}
 * </pre>
 * Callbacks run one at a time on the server's process; {@link Result#noreply} after keeping the
 * {@link From} lets the server answer later with {@link GenServer#reply}.
 *
 * @param <S> the server's state
 */
public interface Server<S> {
    /** Sets the server up; throwing makes {@link GenServer#start} fail. */
    S init(Proc self, Object args) throws Exception;

    /** A call: answer with {@link Result#reply}, or {@link Result#noreply} to reply later. */
    Result<S> handleCall(Object request, From from, S state) throws Exception;

    /** A cast; by default ignored. */
    default Result<S> handleCast(Object message, S state) throws Exception {
        return Result.noreply(state);
    }

    /** Any other message; by default ignored. */
    default Result<S> handleInfo(Object message, S state) throws Exception {
        return Result.noreply(state);
    }

    /** The server is stopping with {@code reason}; by default nothing. */
    default void terminate(Object reason, S state) {
    }
}
