package io.jreign.otp.epmd;

/** The kind of node EPMD registers, as the NodeType byte of {@code ALIVE2_REQ}. */
public enum NodeType {
    /** A normal Erlang node ({@code 77}, 'M'). */
    NORMAL(77),
    /** A hidden node, e.g. a C node ({@code 72}, 'H'). */
    HIDDEN(72);

    private final int code;

    NodeType(int code) {
        this.code = code;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /**
     * The type for a wire byte.
     *
     * @throws IllegalArgumentException if {@code code} is neither 77 nor 72
     */
    public static NodeType of(int code) {
        return switch (code) {
            case 77 -> NORMAL;
            case 72 -> HIDDEN;
            default -> throw new IllegalArgumentException("unknown EPMD node type " + code);
        };
    }
}
