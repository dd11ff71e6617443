package io.jreign.mailbox;

import java.io.Serializable;

/**
 * The identity of one run of a node: its name and its incarnation.
 *
 * <p>A node that restarts under the same name gets a new incarnation, so an {@link Address} minted
 * by the earlier run is never confused with a live one (Erlang's <em>creation</em>; the ETF codec
 * maps the incarnation to it one to one). Incarnations are unsigned 32-bit values, 1 to
 * {@code 0xFFFFFFFF}, so they fit Erlang's {@code NEW_PID_EXT}.
 *
 * <p>Names are 1 to 255 characters: letters, digits and {@code _ . @ -}, so Erlang's
 * {@code name@host} form fits as it is.
 *
 * @param name        the node's name, stable across restarts
 * @param incarnation which run of the node, unique per name
 */
public record NodeId(String name, long incarnation) implements Serializable {
    /** The largest incarnation, so that it fits Erlang's 32-bit creation. */
    public static final long MAX_INCARNATION = 0xFFFF_FFFFL;

    /**
     * @throws IllegalArgumentException if the name is not valid or the incarnation is out of range
     */
    public NodeId {
        if (!isValidName(name)) {
            throw new IllegalArgumentException(
                    "invalid node name " + (name == null ? "null" : '"' + name + '"')
                            + ": use 1 to 255 letters, digits, '_', '.', '@' or '-'");
        }
        if (incarnation < 1 || incarnation > MAX_INCARNATION) {
            throw new IllegalArgumentException(
                    "incarnation of node " + name + " must be in 1.." + MAX_INCARNATION + ", was " + incarnation);
        }
    }

    /** {@code [A-Za-z0-9_.@-]{1,255}}, checked without a regex: decoders build a NodeId per remote pid. */
    private static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '@' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code other} is another run (earlier or later) of the same node. */
    public boolean isOtherRunOf(NodeId other) {
        return name.equals(other.name) && incarnation != other.incarnation;
    }

    // Written out: the generated equals goes through method-handle guards that the JIT did not
    // inline on a network reader's path, where every remote pid is looked up.
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof NodeId that && incarnation == that.incarnation && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Long.hashCode(incarnation);
    }

    @Override
    public String toString() {
        return name + '#' + incarnation;
    }
}
