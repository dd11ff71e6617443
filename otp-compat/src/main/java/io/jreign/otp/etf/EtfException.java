package io.jreign.otp.etf;

/**
 * An Erlang term could not be decoded or encoded. Decode errors name the offset (from the start
 * of the decoded input, the version byte included) and the tag being decoded, e.g.
 * {@code "truncated: need 4 bytes, 2 left at offset 17 (tag 104 SMALL_TUPLE_EXT)"}.
 */
public final class EtfException extends RuntimeException {
    private final long offset;
    private final int tag;

    /** A decode error at {@code offset} while decoding {@code tag} (-1 when not known). */
    public EtfException(String message, long offset, int tag) {
        super(message + where(offset, tag));
        this.offset = offset;
        this.tag = tag;
    }

    /** An error not tied to a position, e.g. an encode error. */
    public EtfException(String message) {
        this(message, -1, -1);
    }

    /** An error not tied to a position, with its cause. */
    public EtfException(String message, Throwable cause) {
        super(message, cause);
        this.offset = -1;
        this.tag = -1;
    }

    /** Where in the input the error was found, or -1. */
    public long offset() {
        return offset;
    }

    /** The tag being decoded, or -1. */
    public int tag() {
        return tag;
    }

    private static String where(long offset, int tag) {
        StringBuilder out = new StringBuilder();
        if (offset >= 0) {
            out.append(" at offset ").append(offset);
        }
        if (tag >= 0) {
            out.append(" (tag ").append(tag).append(' ').append(Tags.name(tag)).append(')');
        }
        return out.toString();
    }
}
