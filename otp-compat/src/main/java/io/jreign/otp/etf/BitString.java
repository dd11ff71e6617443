package io.jreign.otp.etf;

import java.util.Arrays;

/**
 * An Erlang bitstring whose length is not a whole number of bytes, e.g. {@code <<5:3>>}. Encodes
 * as {@code BIT_BINARY_EXT}; the unused low bits of the last byte are always zero (they are
 * cleared here, as erl clears them), so equal bitstrings are equal objects. Bitstrings of whole
 * bytes are {@link Binary}s.
 */
public final class BitString {
    private final byte[] bytes;
    private final int bitsInLastByte;

    private BitString(byte[] bytes, int bitsInLastByte, boolean copy) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a bitstring needs at least one byte; use Binary.EMPTY for <<>>");
        }
        if (bitsInLastByte < 1 || bitsInLastByte > 7) {
            throw new IllegalArgumentException(
                    "bitsInLastByte must be 1..7 (8 is a whole byte: use Binary), was " + bitsInLastByte);
        }
        byte[] own = copy ? bytes.clone() : bytes;
        own[own.length - 1] &= (byte) (0xFF << (8 - bitsInLastByte));
        this.bytes = own;
        this.bitsInLastByte = bitsInLastByte;
    }

    /**
     * The bitstring of all bits of {@code bytes} but the last byte's low {@code 8 - bitsInLastByte}
     * bits (Erlang keeps a bitstring's bits from the most significant end).
     *
     * @throws IllegalArgumentException if {@code bytes} is empty or {@code bitsInLastByte} is not 1..7
     */
    public static BitString of(byte[] bytes, int bitsInLastByte) {
        return new BitString(bytes, bitsInLastByte, true);
    }

    static BitString wrap(byte[] bytes, int bitsInLastByte) {
        return new BitString(bytes, bitsInLastByte, false);
    }

    /** A copy of the bytes; the unused bits of the last one are zero. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** How many of the last byte's bits (from the most significant one) belong to the value: 1..7. */
    public int bitsInLastByte() {
        return bitsInLastByte;
    }

    /** The length in bits ({@code bit_size/1}). */
    public long bitSize() {
        return (bytes.length - 1) * 8L + bitsInLastByte;
    }

    /** The number of bytes, the partial last one included. */
    public int byteSize() {
        return bytes.length;
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    /** Equal when the bits are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BitString that && bitsInLastByte == that.bitsInLastByte
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + bitsInLastByte;
    }

    /** Erlang-like text, e.g. {@code <<1,5:3>>}. */
    @Override
    public String toString() {
        return Terms.showBitString(bytes, bitsInLastByte);
    }
}
