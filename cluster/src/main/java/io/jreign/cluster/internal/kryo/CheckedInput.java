package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * Kryo's safe (non-{@code Unsafe}) {@link Input} over one in-memory frame, refusing any declared
 * length that the bytes left in the frame cannot hold, <em>before</em> anything is allocated for it.
 *
 * <p>Stock Kryo allocates first and reads after: a string, byte array or primitive array announcing
 * 2<sup>31</sup> elements in five bytes makes it allocate gigabytes (or throw
 * {@link OutOfMemoryError}). Here each element needs at least one byte of input (a variable-length
 * int at least one, a fixed-width value its width), so a declared count larger than
 * {@link #remaining()} is malformed and fails with a {@link KryoException}.
 */
public final class CheckedInput extends Input {

    public CheckedInput(byte[] bytes, int offset, int length) {
        super(bytes, offset, length);
    }

    /** Bytes not yet read. */
    public int remaining() {
        return limit - position;
    }

    /**
     * Fails unless {@code elements} items of at least {@code minBytesEach} bytes fit in what remains.
     *
     * @throws KryoException naming {@code what} and both numbers
     */
    public void requireRoom(long elements, int minBytesEach, String what) {
        if (elements < 0 || elements * minBytesEach > remaining()) {
            throw new KryoException(what + " declares " + elements + " elements but only " + remaining()
                    + " bytes remain in the frame");
        }
    }

    @Override
    public byte[] readBytes(int length) {
        requireRoom(length, 1, "byte array");
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        requireRoom(length, 1, "int array"); // variable-length ints: at least one byte each
        return super.readInts(length, optimizePositive);
    }

    @Override
    public int[] readInts(int length) {
        requireRoom(length, 4, "int array");
        return super.readInts(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        requireRoom(length, 1, "long array"); // variable-length longs: at least one byte each
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        requireRoom(length, 8, "long array");
        return super.readLongs(length);
    }

    @Override
    public float[] readFloats(int length) {
        requireRoom(length, 4, "float array");
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        requireRoom(length, 8, "double array");
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        requireRoom(length, 2, "short array");
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        requireRoom(length, 2, "char array");
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        requireRoom(length, 1, "boolean array");
        return super.readBooleans(length);
    }

    @Override
    public String readString() {
        checkUtf8Length();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkUtf8Length();
        return super.readStringBuilder();
    }

    /**
     * Kryo writes a string either as ASCII bytes (the last one flagged; read as it goes, so bounded
     * by the input) or, flagged in the first byte, as a UTF-8 char count plus one followed by the
     * chars. Only the second form allocates up front: peek at the count and check it.
     */
    private void checkUtf8Length() {
        if (position < limit && readVarIntFlag()) {
            int start = position;
            int countPlusOne = readVarIntFlag(true);
            position = start;
            if (countPlusOne > 1) {
                requireRoom(countPlusOne - 1L, 1, "string");
            }
        }
    }
}
