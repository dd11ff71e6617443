package io.jreign.otp.etf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the atom cache part of a distribution header as erl does (erl_ext_dist, "Distribution
 * Header"), for tests: a reference per {@link Entry}, new entries with their text.
 */
public final class AtomCacheHeader {
    /** One reference: the cache slot (0..2047) and, for a new entry, its text (else null). */
    public record Entry(int slot, String newText) {
        /** A reference to a slot filled by an earlier header. */
        public static Entry old(int slot) {
            return new Entry(slot, null);
        }
    }

    private AtomCacheHeader() {}

    /** NumberOfAtomCacheRefs, Flags and AtomCacheRefs for {@code entries}. */
    public static byte[] of(boolean longAtoms, Entry... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = entries.length;
        out.write(count);
        if (count == 0) {
            return out.toByteArray();
        }
        byte[] flags = new byte[count / 2 + 1];
        for (int i = 0; i < count; i++) {
            int flag = (entries[i].newText() != null ? 0x8 : 0) | entries[i].slot() / 256;
            flags[i / 2] |= (byte) (flag << ((i & 1) * 4));
        }
        if (longAtoms) {
            flags[count / 2] |= (byte) (1 << ((count & 1) * 4));
        }
        out.writeBytes(flags);
        for (Entry entry : entries) {
            out.write(entry.slot() % 256);
            if (entry.newText() != null) {
                byte[] text = entry.newText().getBytes(StandardCharsets.UTF_8);
                if (longAtoms) {
                    out.write(text.length >> 8);
                }
                out.write(text.length);
                out.writeBytes(text);
            }
        }
        return out.toByteArray();
    }

    /** {@code ATOM_CACHE_REF} to the {@code index}th reference of the header. */
    public static byte[] ref(int index) {
        return new byte[] {82, (byte) index};
    }
}
