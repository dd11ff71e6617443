package io.jreign.otp.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.otp.etf.AtomCacheHeader.Entry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AtomCacheTest {
    private final EtfCodec codec = Etf.codec();
    private final AtomCache cache = new AtomCache(codec.atomTable());

    @Test
    void newEntriesFillTheirSlotsAndTheTermsRefsResolveInHeaderOrder() {
        ByteBuffer in = ByteBuffer.wrap(concat(
                AtomCacheHeader.of(false, new Entry(5, "hello"), new Entry(3 * 256 + 7, "wörld")),
                new byte[] {104, 3}, AtomCacheHeader.ref(1), AtomCacheHeader.ref(0), AtomCacheHeader.ref(1)));
        Atom[] refs = cache.readReferences(in);
        assertArrayEquals(new Atom[] {Atom.of("hello"), Atom.of("wörld")}, refs);
        assertEquals(Atom.of("hello"), cache.slot(5));
        assertEquals(Atom.of("wörld"), cache.slot(3 * 256 + 7));
        assertEquals(Tuple.of(Atom.of("wörld"), Atom.of("hello"), Atom.of("wörld")), codec.decodeTerm(in, refs));
        assertEquals(0, in.remaining());
    }

    @Test
    void laterHeadersNameFilledSlotsWithoutTextAndMayOverwriteThem() {
        cache.readReferences(ByteBuffer.wrap(AtomCacheHeader.of(false, new Entry(1, "one"), new Entry(2047, "last"))));
        // an odd count puts LongAtoms in the high half of the last flags byte
        String longName = "x".repeat(255);
        Atom[] refs = cache.readReferences(ByteBuffer.wrap(AtomCacheHeader.of(true,
                Entry.old(2047), new Entry(1, longName), Entry.old(1))));
        assertArrayEquals(new Atom[] {Atom.of("last"), Atom.of(longName), Atom.of(longName)}, refs);
        assertEquals(0, cache.readReferences(ByteBuffer.wrap(new byte[] {0})).length);
    }

    @Test
    void aReferenceToAnEmptySlotIsAnError() {
        EtfException e = assertThrows(EtfException.class,
                () -> cache.readReferences(ByteBuffer.wrap(AtomCacheHeader.of(false, Entry.old(300)))));
        assertTrue(e.getMessage().contains("slot 300, which holds no atom"), e.getMessage());
    }

    @Test
    void newEntriesCountAgainstTheAtomTablesCap() {
        AtomCache capped = new AtomCache(AtomTable.bounded(0));
        String fresh = "atom_cache_test_never_made_" + System.nanoTime();
        EtfException e = assertThrows(EtfException.class,
                () -> capped.readReferences(ByteBuffer.wrap(AtomCacheHeader.of(false, new Entry(0, fresh)))));
        assertTrue(e.getMessage().contains("atom table full"), e.getMessage());
        assertEquals(Atom.of("ok"), capped.readReferences(ByteBuffer.wrap(AtomCacheHeader.of(false, new Entry(0, "ok"))))[0]);
    }

    @Test
    void badTextTruncationAndOutOfRangeRefsAreErrors() {
        byte[] header = AtomCacheHeader.of(false, new Entry(9, "ab"));
        header[header.length - 1] = (byte) 0xC0; // a lead byte with no continuation
        EtfException bad = assertThrows(EtfException.class, () -> cache.readReferences(ByteBuffer.wrap(header)));
        assertTrue(bad.getMessage().contains("not valid UTF-8"), bad.getMessage());

        byte[] whole = AtomCacheHeader.of(false, new Entry(9, "abc"), new Entry(10, "def"));
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            EtfException truncated = assertThrows(EtfException.class,
                    () -> new AtomCache(codec.atomTable()).readReferences(ByteBuffer.wrap(part)), "cut at " + cut);
            assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        }

        Atom[] refs = cache.readReferences(ByteBuffer.wrap(AtomCacheHeader.of(false, new Entry(9, "abc"))));
        EtfException outOfRange = assertThrows(EtfException.class,
                () -> codec.decodeTerm(ByteBuffer.wrap(AtomCacheHeader.ref(1)), refs));
        assertTrue(outOfRange.getMessage().contains("ATOM_CACHE_REF 1, but the header has 1 references"),
                outOfRange.getMessage());
        EtfException outside = assertThrows(EtfException.class,
                () -> codec.decodeTerm(ByteBuffer.wrap(AtomCacheHeader.ref(0))));
        assertTrue(outside.getMessage().contains("only valid in a distribution message"), outside.getMessage());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
