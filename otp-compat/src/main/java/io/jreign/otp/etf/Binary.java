package io.jreign.otp.etf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Erlang binary: an immutable sequence of bytes, equal by content. Encodes as
 * {@code BINARY_EXT}.
 *
 * <p>The encoder also accepts {@code byte[]} (as a binary) and {@code String} (as its UTF-8
 * bytes, the Elixir convention); decoding gives a {@code Binary} either way — see
 * {@link #utf8()}.
 */
public final class Binary {
    /** The empty binary {@code <<>>}. */
    public static final Binary EMPTY = new Binary(new byte[0]);

    private final byte[] bytes;

    private Binary(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A binary holding a copy of {@code bytes}. */
    public static Binary of(byte[] bytes) {
        return new Binary(bytes.clone());
    }

    /** A binary holding the UTF-8 bytes of {@code text}. */
    public static Binary utf8(String text) {
        return new Binary(text.getBytes(StandardCharsets.UTF_8));
    }

    static Binary wrap(byte[] bytes) {
        return new Binary(bytes);
    }

    /** The number of bytes ({@code byte_size/1}). */
    public int size() {
        return bytes.length;
    }

    /** The byte at {@code index}, unsigned. */
    public int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A read-only view of the bytes. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * The bytes as UTF-8 text.
     *
     * @throws IllegalStateException if they are not valid UTF-8
     */
    public String utf8() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("binary is not valid UTF-8", e);
        }
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    /** Equal when the bytes are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Binary that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Erlang-like text, e.g. {@code <<1,2,3>>} (long binaries are cut). */
    @Override
    public String toString() {
        return Terms.showBytes(bytes, bytes.length, 8);
    }

    /** The bytes in hex, for logs. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }
}
