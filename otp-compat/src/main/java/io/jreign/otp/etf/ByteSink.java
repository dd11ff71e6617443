package io.jreign.otp.etf;

import java.util.Arrays;

/** A growable big-endian byte buffer for the encoder. Not thread-safe. */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void room(int n) {
        if (buf.length - size < n) {
            long wanted = Math.max((long) buf.length * 2, (long) size + n);
            if (wanted > Integer.MAX_VALUE - 16) {
                if ((long) size + n > Integer.MAX_VALUE - 16) {
                    throw new EtfException("encoded term exceeds 2 GiB");
                }
                wanted = Integer.MAX_VALUE - 16;
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    void u8(int v) {
        room(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        room(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void u32(long v) {
        room(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void u64(long v) {
        u32(v >>> 32);
        u32(v);
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int from, int length) {
        room(length);
        System.arraycopy(b, from, buf, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    byte[] array() {
        return buf;
    }
}
