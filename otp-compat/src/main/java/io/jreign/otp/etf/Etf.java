package io.jreign.otp.etf;

import java.nio.ByteBuffer;

/**
 * {@code term_to_binary} and {@code binary_to_term} with the default {@link EtfCodec}: no
 * compression, no registered records, {@link EtfCodec#DEFAULT_MAX_DEPTH},
 * {@link EtfCodec#DEFAULT_MAX_SIZE}, and the {@linkplain AtomTable#shared() shared atom table}.
 * See {@link EtfCodec} for the Java mapping and the byte layout.
 */
public final class Etf {
    private static final EtfCodec DEFAULT = EtfCodec.builder().build();

    private Etf() {
    }

    /** The default codec. */
    public static EtfCodec codec() {
        return DEFAULT;
    }

    /**
     * The version byte 131 and the term.
     *
     * @throws EtfException if the value has no Erlang form
     */
    public static byte[] encode(Object term) {
        return DEFAULT.encode(term);
    }

    /**
     * One term (possibly compressed) filling all of {@code bytes}.
     *
     * @throws EtfException if the input is not one valid term within the default bounds
     */
    public static Object decode(byte[] bytes) {
        return DEFAULT.decode(bytes);
    }

    /**
     * One term from {@code buffer}, advancing its position past it.
     *
     * @throws EtfException if no valid term within the default bounds starts at the position
     */
    public static Object decode(ByteBuffer buffer) {
        return DEFAULT.decode(buffer);
    }
}
