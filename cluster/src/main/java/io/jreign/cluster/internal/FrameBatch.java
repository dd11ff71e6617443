package io.jreign.cluster.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The frames of one drain, encoded back to back ({@link FrameEncoder#write}) into one buffer that
 * goes down the pipeline as a single write: one allocation and one pass through TLS for a whole
 * batch instead of one per frame. Event-loop only, like the drain that owns it.
 *
 * <p>A frame is either in the buffer whole or not at all: one that fails to encode leaves the
 * buffer as it was. The buffer is written and flushed once it holds {@code flushEveryBytes} (so a
 * long drain gets bytes moving early), and by {@link #flush}; {@link #discard} releases it when
 * the drain ends another way.
 */
final class FrameBatch {
    /** Room for a few dozen small frames before the buffer has to grow. */
    private static final int INITIAL_BYTES = 4096;

    private final Channel channel;
    private final int flushEveryBytes;
    private ByteBuf buffer;
    private long bytes;

    FrameBatch(Channel channel, int flushEveryBytes) {
        this.channel = channel;
        this.flushEveryBytes = flushEveryBytes;
    }

    /** Encodes {@code frame} after the ones before it. */
    void add(Frame frame) {
        int length = 4 + frame.size();
        if (buffer == null) {
            buffer = channel.alloc().ioBuffer(Math.max(INITIAL_BYTES, length));
        }
        int start = buffer.writerIndex();
        try {
            FrameEncoder.write(frame, buffer);
        } catch (RuntimeException e) {
            buffer.writerIndex(start);
            throw e;
        }
        bytes += length;
        if (buffer.readableBytes() >= flushEveryBytes) {
            flush();
        }
    }

    /** Bytes added since this batch was made, written or not. */
    long bytes() {
        return bytes;
    }

    /** Writes what is buffered and flushes the connection. */
    void flush() {
        write();
        channel.flush();
    }

    /** Drops what is buffered and not yet written. */
    void discard() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    private void write() {
        if (buffer != null) {
            ByteBuf full = buffer;
            buffer = null;
            channel.write(full, channel.voidPromise());
        }
    }
}
