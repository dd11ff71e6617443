package io.jreign.otp.etf;

/**
 * An Erlang pid that cannot be an {@link io.jreign.mailbox.Address}: one with creation 0 (minted
 * by a node that is not distributed, such as {@code nonode@nohost}, or an old-style local pid), or
 * one whose node name is outside {@link io.jreign.mailbox.NodeId}'s alphabet. Every other pid
 * decodes to an {@code Address}; see {@link Pids} for the mapping. Keeping these apart keeps
 * decoding exact: they re-encode to the same {@code NEW_PID_EXT} bytes.
 *
 * @param node     the node atom
 * @param id       the ID field (unsigned 32 bits)
 * @param serial   the Serial field (unsigned 32 bits)
 * @param creation the Creation field, 0..0xFFFFFFFF
 */
public record ErlPid(Atom node, int id, int serial, long creation) {
    /**
     * @throws IllegalArgumentException if the creation is out of range, or if the pid is one
     *                                  that must be an {@code Address} (use {@link Pids#of})
     */
    public ErlPid {
        if (node == null) {
            throw new NullPointerException("node");
        }
        if (creation < 0 || creation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("creation must be 0..0xFFFFFFFF, was " + creation);
        }
        if (creation != 0 && Pids.nodeId(node, creation) != null) {
            throw new IllegalArgumentException("pid of node " + node.name() + " with creation " + creation
                    + " is an Address; use Pids.of");
        }
    }

    /** Erlang-like text with the node spelled out: {@code <nonode@nohost.85.0>}. */
    @Override
    public String toString() {
        return "<" + node.name() + "." + Integer.toUnsignedString(id) + "." + Integer.toUnsignedString(serial)
                + (creation == 0 ? "" : "#" + creation) + ">";
    }
}
