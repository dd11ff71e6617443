package io.jreign.otp.dist;

import io.jreign.mailbox.spi.Clock;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A connection's socket input as the handshake and then the reader use it: buffered, and able to
 * tell how many bytes it holds, so the reader knows when its next read could block (and wakes the
 * receivers of what it delivered first; see {@link io.jreign.mailbox.spi.DeferredWakes}).
 *
 * <p>With {@link #busyWait} set, a read that would find the buffer empty first polls the socket
 * for that long ({@link DistConfig#readerBusyWait()}): a packet that comes meanwhile is read with
 * no thread wake-up, which costs the peer's sender a cross-core wake-up inside its {@code send}.
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

    /** From now on, polls for up to {@code nanos} on {@code clock} before a read that would block. */
    void busyWait(long nanos, Clock clock) {
        buffer.busyWait(nanos, clock);
    }

    private static final class Buffer extends BufferedInputStream {
        private long busyWaitNanos;
        private Clock clock;

        Buffer(InputStream in) {
            super(in, 16 << 10);
        }

        synchronized void busyWait(long nanos, Clock clock) {
            this.clock = clock;
            this.busyWaitNanos = nanos;
        }

        int buffered() {
            return count - pos;
        }

        @Override
        public synchronized int read() throws IOException {
            pollWhileEmpty();
            return super.read();
        }

        @Override
        public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
            pollWhileEmpty();
            return super.read(bytes, offset, length);
        }

        /**
         * Returns once the socket has input, or the busy wait is over: in time, or in polls (one
         * per 50 ns, fewer than a system call allows), so a simulated clock that stands still
         * cannot hold the reader here.
         */
        private void pollWhileEmpty() throws IOException {
            if (busyWaitNanos == 0 || count - pos > 0) {
                return;
            }
            InputStream socket = in;
            long start = clock.nanoTime();
            for (long polls = busyWaitNanos / 50; polls > 0 && socket.available() == 0; polls--) {
                if (clock.nanoTime() - start >= busyWaitNanos) {
                    return;
                }
                Thread.onSpinWait();
            }
        }
    }
}
