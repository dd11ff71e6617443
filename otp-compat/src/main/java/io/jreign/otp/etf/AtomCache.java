package io.jreign.otp.etf;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The receiving half of one connection's distribution-header atom cache (erl_ext_dist,
 * "Distribution Header"): 2048 slots the peer fills and overwrites as it likes, and the header
 * of each message, which names the slots its {@code ATOM_CACHE_REF}s refer to.
 *
 * <pre>
 *  NumberOfAtomCacheRefs:1 | Flags:(N/2+1) | AtomCacheRefs     (nothing after a count of 0)
 *  Flags         a half byte per reference, the even ones in the low half: bit 3 new entry,
 *                bits 0-2 segment; then one more half byte whose bit 0 is LongAtoms
 *  AtomCacheRef  new: InternalSegmentIndex:1 | Length:1 (2 with LongAtoms) | UTF-8 text
 *                old: InternalSegmentIndex:1             slot = segment * 256 + internal index
 * </pre>
 *
 * A new entry's atom comes from the codec's {@link AtomTable}, so the cap on atoms created by
 * remote input holds here as everywhere. Not thread-safe: one per connection, used by its reader.
 */
public final class AtomCache {
    /** Slots in a cache: 8 segments of 256. */
    public static final int SLOTS = 2048;

    private static final Atom[] NONE = new Atom[0];
    /** Erlang's bound on an atom's text: 255 characters of up to 4 UTF-8 bytes. */
    private static final int MAX_TEXT_BYTES = Atom.MAX_CHARS * 4;

    private final AtomTable table;
    private final Atom[] slots = new Atom[SLOTS];
    private CharsetDecoder utf8;

    /** An empty cache whose new entries are atoms of {@code table}. */
    public AtomCache(AtomTable table) {
        this.table = table;
    }

    /**
     * Reads a distribution header's atom cache part at {@code in}'s position, stores its new
     * entries, and returns the atoms of its references in order: the table that the message's
     * {@code ATOM_CACHE_REF} indexes look up (empty for a count of 0).
     *
     * @throws EtfException if the part is truncated, names an empty slot, holds an atom that is
     *                      not valid UTF-8 or too long, or would create an atom past the cap
     */
    public Atom[] readReferences(ByteBuffer in) {
        int start = in.position();
        try {
            int count = in.get() & 0xFF;
            if (count == 0) {
                return NONE;
            }
            byte[] flags = new byte[count / 2 + 1];
            in.get(flags);
            boolean longAtoms = (halfByte(flags, count) & 1) != 0;
            Atom[] references = new Atom[count];
            for (int i = 0; i < count; i++) {
                int flag = halfByte(flags, i);
                int slot = (flag & 0x7) * 256 + (in.get() & 0xFF);
                if ((flag & 0x8) != 0) {
                    int length = longAtoms ? in.getShort() & 0xFFFF : in.get() & 0xFF;
                    slots[slot] = newEntry(in, length, start);
                } else if (slots[slot] == null) {
                    throw new EtfException("atom cache reference " + i + " names slot " + slot
                            + ", which holds no atom", start, -1);
                }
                references[i] = slots[slot];
            }
            return references;
        } catch (BufferUnderflowException e) {
            throw new EtfException("truncated atom cache references", start, -1);
        }
    }

    /** The atom in {@code slot}, or null (for tests and diagnostics). */
    public Atom slot(int slot) {
        return slots[slot];
    }

    private Atom newEntry(ByteBuffer in, int length, int start) {
        if (length > MAX_TEXT_BYTES) {
            throw new EtfException("atom cache entry of " + length + " bytes exceeds " + MAX_TEXT_BYTES, start, -1);
        }
        if (in.remaining() < length) {
            throw new BufferUnderflowException();
        }
        ByteBuffer text = in.slice(in.position(), length);
        in.position(in.position() + length);
        String name;
        try {
            name = decoder().decode(text).toString();
        } catch (CharacterCodingException e) {
            throw new EtfException("atom cache entry is not valid UTF-8", start, -1);
        }
        if (name.codePointCount(0, name.length()) > Atom.MAX_CHARS) {
            throw new EtfException("atom cache entry longer than " + Atom.MAX_CHARS + " characters", start, -1);
        }
        return table.fromInput(name, start, -1);
    }

    private CharsetDecoder decoder() {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        return utf8;
    }

    private static int halfByte(byte[] flags, int index) {
        return (flags[index / 2] >> ((index & 1) * 4)) & 0xF;
    }
}
