package io.jreign.otp.dist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.InputStream;

/**
 * A connection's socket input as the handshake and then the reader use it: buffered, and able to
 * tell how many bytes it holds, so the reader knows when its next read could block (and wakes the
 * receivers of what it delivered first; see {@link io.jreign.mailbox.spi.DeferredWakes}).
 */
final class SocketInput extends DataInputStream {
    private final Buffer buffer;

    SocketInput(InputStream socket) {
        this(new Buffer(socket));
    }

    private SocketInput(Buffer buffer) {
        super(buffer);
        this.buffer = buffer;
    }

    /** Bytes readable without reading the socket; call on the reading thread. */
    int buffered() {
        return buffer.buffered();
    }

    private static final class Buffer extends BufferedInputStream {
        Buffer(InputStream in) {
            super(in, 16 << 10);
        }

        int buffered() {
            return count - pos;
        }
    }
}
