package io.jreign.otp.gen;

/**
 * A {@link GenServer#call} failed: the server was gone or died before replying (Erlang's
 * {@code exit({Reason, {gen_server, call, ...}})}), or it did not answer in time.
 */
public final class CallException extends RuntimeException {
    private final Object reason;

    /** A failed call, with the server's exit reason or {@code timeout}. */
    public CallException(Object reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The reason: the server's exit reason ({@code noproc}, {@code noconnection}, ...) or {@code timeout}. */
    public Object reason() {
        return reason;
    }

    /** Whether the call timed out. */
    public boolean isTimeout() {
        return GenServer.TIMEOUT.equals(reason);
    }
}
