package io.jreign.otp.epmd;

import java.io.IOException;

/** EPMD refused a request or answered something that does not follow the protocol. */
public final class EpmdException extends IOException {
    private final int result;

    /** A refusal with EPMD's result code (e.g. 1 for a name already registered). */
    public EpmdException(String message, int result) {
        super(message + " (result " + result + ")");
        this.result = result;
    }

    /** A protocol violation. */
    public EpmdException(String message) {
        super(message);
        this.result = -1;
    }

    /** EPMD's non-zero result code, or -1 for a protocol violation. */
    public int result() {
        return result;
    }
}
