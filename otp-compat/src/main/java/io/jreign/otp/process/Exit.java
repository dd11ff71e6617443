package io.jreign.otp.process;

/**
 * An exit signal turned into a message because the receiver traps exits: Erlang's
 * {@code {'EXIT', From, Reason}} (it travels as that tuple).
 *
 * @param from   the pid the signal came from (the linked process, or the caller of {@code exit/2})
 * @param reason the reason, in its Java form (see {@link io.jreign.otp.dist.ExitReasons})
 */
public record Exit(Object from, Object reason) {}
