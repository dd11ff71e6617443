package io.jreign.otp.gen;

/**
 * What a {@link Server} callback returns: Erlang's {@code {reply, R, S}}, {@code {noreply, S}},
 * {@code {stop, Reason, S}} and {@code {stop, Reason, Reply, S}}.
 *
 * @param <S> the server's state
 */
public sealed interface Result<S> {
    /** The new state. */
    S state();

    /** Reply to the caller (only from {@link Server#handleCall}). */
    record Reply<S>(Object reply, S state) implements Result<S> {}

    /** No reply now. */
    record NoReply<S>(S state) implements Result<S> {}

    /** Stop with {@code reason}, first replying {@code reply} to the caller if it is not null. */
    record Stop<S>(Object reason, Object reply, S state) implements Result<S> {}

    static <S> Result<S> reply(Object reply, S state) {
        return new Reply<>(reply, state);
    }

    static <S> Result<S> noreply(S state) {
        return new NoReply<>(state);
    }

    static <S> Result<S> stop(Object reason, S state) {
        return new Stop<>(reason, null, state);
    }

    static <S> Result<S> stop(Object reason, Object reply, S state) {
        return new Stop<>(reason, reply, state);
    }
}
