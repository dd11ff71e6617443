package io.jreign.otp.etf;

/**
 * An Erlang port identifier. Encodes as {@code NEW_PORT_EXT} (node atom, ID u32, Creation u32)
 * when the ID is below 2^28, else {@code V4_PORT_EXT} (ID u64), as erl 25 does; legacy
 * {@code PORT_EXT} decodes to the same type.
 *
 * @param node     the node atom
 * @param id       the port number, an unsigned 64-bit value
 * @param creation the node's creation, 0..0xFFFFFFFF
 */
public record Port(Atom node, long id, long creation) {
    /**
     * @throws IllegalArgumentException if {@code creation} is out of range
     */
    public Port {
        if (node == null) {
            throw new NullPointerException("node");
        }
        if (creation < 0 || creation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("creation must be 0..0xFFFFFFFF, was " + creation);
        }
    }

    /** Erlang-like text with the node spelled out, e.g. {@code #Port<a@b.7>}. */
    @Override
    public String toString() {
        return "#Port<" + node.name() + "." + Long.toUnsignedString(id) + (creation == 0 ? "" : "#" + creation) + ">";
    }
}
