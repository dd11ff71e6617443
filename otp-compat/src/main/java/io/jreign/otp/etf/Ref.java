package io.jreign.otp.etf;

import java.util.Arrays;

/**
 * An Erlang reference. Encodes as {@code NEWER_REFERENCE_EXT}: {@code Len} (u16), node atom,
 * {@code Creation} (u32), then {@code Len} u32 IDs. Legacy {@code REFERENCE_EXT} and
 * {@code NEW_REFERENCE_EXT} decode to the same type.
 *
 * @param node     the node atom
 * @param creation the node's creation, 0..0xFFFFFFFF (0: a node that is not distributed)
 * @param ids      the ID words, 0 to 5 of them (erl's limit), least significant first
 */
public record Ref(Atom node, long creation, int[] ids) {
    /** The most ID words erl accepts. */
    public static final int MAX_IDS = 5;

    /**
     * @throws IllegalArgumentException if {@code creation} or the number of ids is out of range
     */
    public Ref {
        if (node == null) {
            throw new NullPointerException("node");
        }
        if (creation < 0 || creation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("creation must be 0..0xFFFFFFFF, was " + creation);
        }
        if (ids.length > MAX_IDS) {
            throw new IllegalArgumentException("a reference has at most " + MAX_IDS + " ids, got " + ids.length);
        }
        ids = ids.clone();
    }

    /** A copy of the ID words. */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    int[] unsafeIds() {
        return ids;
    }

    /** Equal when node, creation and ids are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Ref that && creation == that.creation && node.equals(that.node)
                && Arrays.equals(ids, that.ids);
    }

    @Override
    public int hashCode() {
        return (node.hashCode() * 31 + Long.hashCode(creation)) * 31 + Arrays.hashCode(ids);
    }

    /** Erlang-like text with the node spelled out, e.g. {@code #Ref<a@b.3.2.1>}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("#Ref<").append(node.name());
        for (int i = ids.length - 1; i >= 0; i--) {
            out.append('.').append(Integer.toUnsignedString(ids[i]));
        }
        return out.append(creation == 0 ? "" : "#" + creation).append('>').toString();
    }
}
