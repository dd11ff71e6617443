package io.jreign.otp.dist;

import java.io.IOException;

/** A peer broke the distribution protocol (handshake or connected phase); the connection closes. */
public final class DistProtocolException extends IOException {
    /** A violation described by {@code message}. */
    public DistProtocolException(String message) {
        super(message);
    }

    /** A violation described by {@code message}, caused by {@code cause}. */
    public DistProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
