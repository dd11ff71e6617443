package io.jreign.otp.etf;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A proper list of integers 0..255 — what Erlang calls a string and sends as {@code STRING_EXT} —
 * stored compactly as bytes.
 *
 * <p>It is a {@code List<Long>}: equal to (and with the same hash as) any list of the same
 * {@code Long} values, so a decoded {@code STRING_EXT} equals the same list decoded from
 * {@code LIST_EXT}, as in Erlang. The encoder sends <em>any</em> proper list of 1 to 65535
 * integers in 0..255 as {@code STRING_EXT}, as {@code term_to_binary} does, so re-encoding gives
 * erl's bytes whichever Java list type holds the values.
 */
public final class ByteList extends AbstractList<Long> implements RandomAccess {
    /** The most elements {@code STRING_EXT} can hold. */
    public static final int MAX_STRING_EXT = 0xFFFF;

    private final byte[] bytes;

    private ByteList(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The list of the unsigned values of {@code bytes} (copied). */
    public static ByteList of(byte[] bytes) {
        return new ByteList(bytes.clone());
    }

    /**
     * The list of the characters of {@code text}, each of which must be in ISO-8859-1 (an Erlang
     * "string" of Latin-1 characters).
     *
     * @throws IllegalArgumentException if a character is above U+00FF
     */
    public static ByteList ofLatin1(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("not a Latin-1 character at index " + i + ": U+"
                        + Integer.toHexString(c));
            }
            out[i] = (byte) c;
        }
        return new ByteList(out);
    }

    static ByteList wrap(byte[] bytes) {
        return new ByteList(bytes);
    }

    @Override
    public Long get(int index) {
        return (long) (bytes[index] & 0xFF);
    }

    /** The unsigned value at {@code index}, without boxing. */
    public int getInt(int index) {
        return bytes[index] & 0xFF;
    }

    @Override
    public int size() {
        return bytes.length;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes read as ISO-8859-1 characters. */
    public String toLatin1String() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    /** Equal to any list of the same {@code Long} values, as {@link java.util.List#equals} says. */
    @Override
    public boolean equals(Object other) {
        if (other instanceof ByteList that) {
            return Arrays.equals(bytes, that.bytes);
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (byte b : bytes) {
            hash = 31 * hash + Long.hashCode(b & 0xFF);
        }
        return hash;
    }

    /** Erlang-like text: {@code "abc"} when all bytes are printable, else {@code [1,2,3]}. */
    @Override
    public String toString() {
        boolean printable = bytes.length > 0;
        for (byte b : bytes) {
            int c = b & 0xFF;
            printable &= c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
        }
        return printable ? '"' + toLatin1String() + '"' : super.toString().replace(" ", "");
    }
}
