package io.jreign.otp.etf;

import static io.jreign.otp.etf.Bytes.concat;
import static io.jreign.otp.etf.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Decoding hostile input: every failure is an EtfException naming where, and costs stay bounded. */
class EtfBoundsTest {

    private static EtfException fails(EtfCodec codec, byte[] input, String expected) {
        EtfException e = assertThrows(EtfException.class, () -> codec.decode(input));
        assertTrue(e.getMessage().contains(expected), () -> "message \"" + e.getMessage() + "\" lacks \"" + expected + "\"");
        return e;
    }

    @Test
    void depthBomb() {
        int levels = 200_000;
        byte[] bomb = new byte[1 + 2 * levels + 1];
        bomb[0] = (byte) 131;
        for (int i = 0; i < levels; i++) {
            bomb[1 + 2 * i] = 104;
            bomb[2 + 2 * i] = 1;
        }
        bomb[bomb.length - 1] = 106;
        EtfException e = fails(Etf.codec(), bomb, "deeper than maxDepth 1000");
        assertEquals(1 + 2 * 1001, e.offset());

        EtfCodec shallow = EtfCodec.builder().maxDepth(3).build();
        assertEquals(Tuple.of(Tuple.of(Tuple.of(List.of()))), shallow.decode(of(131, 104, 1, 104, 1, 104, 1, 106)));
        fails(shallow, of(131, 104, 1, 104, 1, 104, 1, 104, 1, 106), "deeper than maxDepth 3");
        assertThrows(EtfException.class, () -> shallow.encode(Tuple.of(Tuple.of(Tuple.of(Tuple.of(1))))));
    }

    @Test
    void longListsAreNotDepth() {
        // A long chain of LIST_EXT tails (legal, if unusual) is read in a loop, not by recursion.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(131);
        for (int i = 0; i < 100_000; i++) {
            wire.writeBytes(of(108, 0, 0, 0, 1, 97, 1));
        }
        wire.write(106);
        assertEquals(100_000, ((List<?>) Etf.decode(wire.toByteArray())).size());
    }

    @Test
    void cyclicEncodeFailsCleanly() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(Atom.OK);
        cycle.add(cycle);
        assertThrows(EtfException.class, () -> Etf.encode(cycle));
    }

    @Test
    void sizeBombs() {
        // Lengths that claim more than the input holds are refused before anything is allocated.
        fails(Etf.codec(), of(131, 109, 255, 255, 255, 255, 1, 2), "truncated");
        fails(Etf.codec(), of(131, 108, 255, 255, 255, 255, 97, 1), "truncated");
        fails(Etf.codec(), of(131, 105, 255, 255, 255, 255, 97, 1), "truncated");
        fails(Etf.codec(), of(131, 116, 127, 255, 255, 255, 97, 1), "truncated");
        fails(Etf.codec(), of(131, 111, 255, 255, 255, 255, 0, 1), "truncated");
        fails(Etf.codec(), of(131, 107, 255, 255, 1), "truncated");

        EtfCodec small = EtfCodec.builder().maxSize(1024).build();
        fails(small, new byte[2048], "exceeds maxSize 1024");
        byte[] big = Etf.encode(Binary.of(new byte[4096]));
        EtfException viaBuffer = assertThrows(EtfException.class, () -> small.decode(ByteBuffer.wrap(big)));
        assertTrue(viaBuffer.getMessage().contains("larger than maxSize"), viaBuffer.getMessage());
    }

    @Test
    void compressionBombs() {
        EtfCodec small = EtfCodec.builder().maxSize(1 << 20).build();
        byte[] tenMegabytes = Etf.encode(Binary.of(new byte[10 << 20]));
        byte[] honest = compress(tenMegabytes, tenMegabytes.length - 1);
        fails(small, honest, "more than maxSize");

        // A lying header: declares 100 bytes, inflates to 10 MB. Only 100 bytes are ever produced.
        fails(small, compress(tenMegabytes, 100), "longer than the declared 100 bytes");
        // Declares more than there is.
        byte[] tiny = Etf.encode(Atom.OK);
        fails(Etf.codec(), compress(tiny, 50), "declared 50");
        // Truncated zlib stream.
        byte[] cut = compress(Etf.encode(Binary.of(new byte[5000])), 5005);
        fails(Etf.codec(), java.util.Arrays.copyOf(cut, cut.length - 4), "compressed data truncated");
        fails(Etf.codec(), of(131, 80, 0, 0, 0, 5, 1, 2, 3, 4, 5, 6), "bad zlib data");
        fails(Etf.codec(), of(131, 104, 1, 80, 0, 0, 0, 1), "only follow the version byte");
    }

    private static byte[] compress(byte[] versioned, int declaredSize) {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib, new Deflater(9))) {
            out.write(versioned, 1, versioned.length - 1);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return concat(of(131, 80), ByteBuffer.allocate(4).putInt(declaredSize).array(), zlib.toByteArray());
    }

    @Test
    void atomFlood() {
        AtomTable table = AtomTable.bounded(100);
        EtfCodec codec = EtfCodec.builder().atomTable(table).build();
        String prefix = "flood_" + System.nanoTime() + "_";
        List<Object> atoms = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            atoms.add(new Atom(prefix + i));
        }
        byte[] hundred = Etf.encode(atoms);
        assertEquals(atoms, codec.decode(hundred));
        assertEquals(100, table.createdFromInput());
        // Atoms that exist decode again however often.
        assertEquals(atoms, codec.decode(hundred));
        assertEquals(Atom.OK, codec.decode(Etf.encode(Atom.OK)));
        // One more new atom is refused.
        EtfException e = fails(codec, Etf.encode(new Atom(prefix + "one_too_many")), "atom table full");
        assertEquals(1, e.offset());
        assertEquals(119, e.tag());
        assertEquals(100, table.createdFromInput());
        // Interned (local, trusted) atoms always decode.
        table.intern(prefix + "interned");
        assertEquals(new Atom(prefix + "interned"), codec.decode(Etf.encode(new Atom(prefix + "interned"))));

        EtfCodec safe = EtfCodec.builder().atomTable(AtomTable.bounded(0)).build();
        fails(safe, Etf.encode(new Atom(prefix + "never")), "atom table full");
        assertEquals(Atom.TRUE, safe.decode(Etf.encode(true)));
    }

    @Test
    void truncatedInputAlwaysFailsCleanly() {
        TermGenerator generator = new TermGenerator(20240611L);
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 300; n++) {
            byte[] whole = Etf.encode(generator.term(3));
            // Every cut of small terms; a sample of cuts of large ones (each decode is linear).
            int cuts = Math.min(whole.length, 400);
            for (int k = 0; k < cuts; k++) {
                int cut = cuts == whole.length ? k : random.nextInt(whole.length);
                byte[] prefix = java.util.Arrays.copyOf(whole, cut);
                try {
                    Etf.decode(prefix);
                    fail("decoded a truncated term: " + cut + " of " + whole.length + " bytes");
                } catch (EtfException expected) {
                    assertTrue(expected.offset() >= 0 && expected.offset() <= cut, expected.getMessage());
                }
            }
        }
    }

    @Test
    void corruptedInputFailsOnlyWithEtfException() {
        SplittableRandom random = new SplittableRandom(77);
        TermGenerator generator = new TermGenerator(78);
        EtfCodec codec = EtfCodec.builder().atomTable(AtomTable.bounded(100_000)).build();
        for (int n = 0; n < 5_000; n++) {
            byte[] wire = Etf.encode(generator.term(3));
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                wire[1 + random.nextInt(wire.length - 1)] = (byte) random.nextInt(256);
            }
            try {
                codec.decode(wire);
            } catch (EtfException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void localExtIsRejected() {
        EtfException e = fails(Etf.codec(), of(131, 121, 0, 0, 0, 0, 0, 0, 0, 1, 97, 1), "LOCAL_EXT");
        assertEquals(1, e.offset());
        assertEquals(121, e.tag());
        assertTrue(e.getMessage().contains("tag 121 LOCAL_EXT"), e.getMessage());
    }

    @Test
    void otherRejectedTags() {
        fails(Etf.codec(), of(131, 117, 0, 0, 0, 0), "FUN_EXT");
        fails(Etf.codec(), of(131, 82, 0), "ATOM_CACHE_REF");
        fails(Etf.codec(), of(131, 200), "unknown tag 200");
        fails(Etf.codec(), of(131, 104, 1, 131, 97, 1), "unexpected version byte");
        fails(Etf.codec(), of(131, 88, 97, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1), "expected an atom");
        fails(Etf.codec(), of(131, 110, 1, 2, 5), "bad sign byte");
    }

    @Test
    void trailingBytesAndStreams() {
        EtfException e = fails(Etf.codec(), of(131, 97, 1, 0), "1 bytes left over");
        assertEquals(3, e.offset());

        ByteBuffer stream = ByteBuffer.wrap(concat(Etf.encode(1), Etf.encode(Atom.OK), of(131, 104)));
        assertEquals(1L, Etf.decode(stream));
        assertEquals(3, stream.position());
        assertEquals(Atom.OK, Etf.decode(stream));
        int before = stream.position();
        assertThrows(EtfException.class, () -> Etf.decode(stream));
        assertEquals(before, stream.position(), "a failed decode leaves the position alone");

        ByteBuffer raw = ByteBuffer.wrap(of(97, 5, 119, 1, 120));
        assertEquals(5L, Etf.codec().decodeTerm(raw));
        assertEquals(Atom.of("x"), Etf.codec().decodeTerm(raw));
        assertEquals(0, raw.remaining());
        assertEquals(List.of(2L), Etf.codec().decodeTerm(ByteBuffer.wrap(Etf.codec().encodeTerm(List.of(2)))));
    }
}
