package io.jreign.otp.etf;

import static io.jreign.otp.etf.Bytes.ascii;
import static io.jreign.otp.etf.Bytes.concat;
import static io.jreign.otp.etf.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/**
 * One test per tag of the external term format. Expected bytes are what erl 25 writes with
 * {@code term_to_binary(T, [{minor_version, 2}])} (legacy tags: what older options or nodes write).
 */
class EtfTagsTest {
    private static final EtfCodec CODEC = Etf.codec();

    /** Decoding {@code bytes} gives {@code value}, and encoding {@code value} gives {@code bytes}. */
    private static void both(Object value, int... bytes) {
        byte[] wire = of(bytes);
        assertEquals(value, CODEC.decode(wire), "decode");
        assertArrayEquals(wire, CODEC.encode(value), "encode");
    }

    /** Decoding legacy {@code bytes} gives {@code value}. */
    private static void decodes(Object value, byte[] wire) {
        assertEquals(value, CODEC.decode(wire));
    }

    @Test
    void smallIntegerExt() {
        both(0L, 131, 97, 0);
        both(255L, 131, 97, 255);
        assertArrayEquals(of(131, 97, 7), Etf.encode(7));
        assertArrayEquals(of(131, 97, 7), Etf.encode((short) 7));
        assertArrayEquals(of(131, 97, 7), Etf.encode((byte) 7));
    }

    @Test
    void integerExt() {
        both(256L, 131, 98, 0, 0, 1, 0);
        both(-5L, 131, 98, 255, 255, 255, 251);
        both((long) Integer.MIN_VALUE, 131, 98, 128, 0, 0, 0);
        both((long) Integer.MAX_VALUE, 131, 98, 127, 255, 255, 255);
    }

    @Test
    void smallBigExt() {
        both(1L << 40, 131, 110, 6, 0, 0, 0, 0, 0, 0, 1);
        both(Integer.MAX_VALUE + 1L, 131, 110, 4, 0, 0, 0, 0, 128);
        both(Integer.MIN_VALUE - 1L, 131, 110, 4, 1, 1, 0, 0, 128);
        both(Long.MIN_VALUE, 131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 128);
        both(Long.MAX_VALUE, 131, 110, 8, 0, 255, 255, 255, 255, 255, 255, 255, 127);
        both(BigInteger.ONE.shiftLeft(64), 131, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        both(BigInteger.ONE.shiftLeft(64).negate(), 131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        // A big that fits a long normalises to Long, both ways.
        assertEquals(5L, CODEC.decode(of(131, 110, 2, 0, 5, 0)));
        assertArrayEquals(of(131, 97, 5), Etf.encode(BigInteger.valueOf(5)));
        assertEquals(0L, CODEC.decode(of(131, 110, 0, 1)));
    }

    @Test
    void largeBigExt() {
        BigInteger big = BigInteger.ONE.shiftLeft(8 * 256);
        byte[] wire = new byte[1 + 1 + 4 + 1 + 257];
        wire[0] = (byte) 131;
        wire[1] = 111;
        wire[4] = 1;
        wire[5] = 1;
        wire[wire.length - 1] = 1;
        assertEquals(big, CODEC.decode(wire));
        assertArrayEquals(wire, CODEC.encode(big));
        assertEquals(big.negate(), CODEC.decode(CODEC.encode(big.negate())));
    }

    @Test
    void newFloatExt() {
        both(1.5, 131, 70, 63, 248, 0, 0, 0, 0, 0, 0);
        both(-0.0, 131, 70, 128, 0, 0, 0, 0, 0, 0, 0);
        assertArrayEquals(of(131, 70, 63, 248, 0, 0, 0, 0, 0, 0), Etf.encode(1.5f));
        assertThrows(EtfException.class, () -> Etf.encode(Double.NaN));
        assertThrows(EtfException.class, () -> Etf.encode(Double.POSITIVE_INFINITY));
        assertThrows(EtfException.class, () -> Etf.decode(of(131, 70, 127, 240, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void floatExtLegacy() {
        // term_to_binary(1.5, [{minor_version, 0}])
        byte[] text = Arrays.copyOf(ascii("1.50000000000000000000e+00"), 31);
        decodes(1.5, concat(of(131, 99), text));
        byte[] bad = Arrays.copyOf(ascii("one"), 31);
        assertThrows(EtfException.class, () -> Etf.decode(concat(of(131, 99), bad)));
    }

    @Test
    void smallAtomUtf8Ext() {
        both(Atom.of("abc"), 131, 119, 3, 97, 98, 99);
        both(Atom.of("ö"), 131, 119, 2, 0xC3, 0xB6);
        both(Atom.of(""), 131, 119, 0);
        assertArrayEquals(of(131, 119, 4, 116, 114, 117, 101), Etf.encode(true));
        assertArrayEquals(of(131, 119, 5, 102, 97, 108, 115, 101), Etf.encode(false));
    }

    @Test
    void atomUtf8Ext() {
        String name = "é".repeat(255);
        byte[] wire = concat(of(131, 118, 1, 254), name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Atom.of(name), CODEC.decode(wire));
        assertArrayEquals(wire, CODEC.encode(Atom.of(name)));
        assertThrows(EtfException.class, () -> Etf.decode(of(131, 119, 2, 0xC3, 0x28)), "invalid UTF-8");
        String tooLong = "a".repeat(256);
        assertThrows(EtfException.class, () -> Etf.decode(concat(of(131, 118, 1, 0), ascii(tooLong))));
    }

    @Test
    void atomExtAndSmallAtomExtLegacy() {
        decodes(Atom.of("abc"), of(131, 100, 0, 3, 97, 98, 99));
        decodes(Atom.of("ö"), of(131, 100, 0, 1, 246));
        decodes(Atom.of("abc"), of(131, 115, 3, 97, 98, 99));
    }

    @Test
    void smallTupleExt() {
        both(Tuple.EMPTY, 131, 104, 0);
        both(Tuple.of(Atom.of("ok"), 42L), 131, 104, 2, 119, 2, 111, 107, 97, 42);
    }

    @Test
    void largeTupleExt() {
        List<Object> elements = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(of(131, 105, 0, 0, 1, 0));
        for (int i = 0; i < 256; i++) {
            elements.add((long) i);
            wire.writeBytes(of(97, i));
        }
        assertEquals(new Tuple(elements), CODEC.decode(wire.toByteArray()));
        assertArrayEquals(wire.toByteArray(), CODEC.encode(new Tuple(elements)));
    }

    @Test
    void nilExt() {
        both(List.of(), 131, 106);
        assertArrayEquals(of(131, 106), Etf.encode(new ArrayList<>()));
        assertArrayEquals(of(131, 106), Etf.encode(ByteList.of(new byte[0])));
    }

    @Test
    void stringExt() {
        both(ByteList.ofLatin1("abc"), 131, 107, 0, 3, 97, 98, 99);
        // Any proper list of 0..255 goes out as STRING_EXT, whatever the Java element type.
        assertArrayEquals(of(131, 107, 0, 2, 1, 255), Etf.encode(List.of(1, 255)));
        assertArrayEquals(of(131, 107, 0, 2, 1, 255), Etf.encode(List.of(1L, BigInteger.valueOf(255))));
        // ...and equals the same values decoded from LIST_EXT, as in Erlang.
        Object fromList = Etf.decode(of(131, 108, 0, 0, 0, 2, 97, 1, 97, 255, 106));
        assertEquals(ByteList.of(of(1, 255)), fromList);
        assertEquals(fromList, ByteList.of(of(1, 255)));
        assertEquals(fromList.hashCode(), ByteList.of(of(1, 255)).hashCode());
        assertArrayEquals(of(131, 107, 0, 2, 1, 255), Etf.encode(fromList));
    }

    @Test
    void stringExtLimit() {
        byte[] max = new byte[65535];
        Arrays.fill(max, (byte) 7);
        byte[] wire = Etf.encode(ByteList.of(max));
        assertEquals(107, wire[1]);
        assertEquals(ByteList.of(max), Etf.decode(wire));
        byte[] over = new byte[65536];
        byte[] longWire = Etf.encode(ByteList.of(over));
        assertEquals(108, longWire[1], "65536 small integers no longer fit STRING_EXT");
        assertEquals(ByteList.of(over), Etf.decode(longWire));
    }

    @Test
    void listExt() {
        both(List.of(256L), 131, 108, 0, 0, 0, 1, 98, 0, 0, 1, 0, 106);
        both(List.of(Atom.of("a"), List.of()), 131, 108, 0, 0, 0, 2, 119, 1, 97, 106, 106);
    }

    @Test
    void listExtImproper() {
        both(new ImproperList(List.of(1L, 2L), 3L), 131, 108, 0, 0, 0, 2, 97, 1, 97, 2, 97, 3);
        // A tail that is itself a list (LIST_EXT or STRING_EXT) splices into one proper list.
        decodes(List.of(1L, 2L, 3L), of(131, 108, 0, 0, 0, 1, 97, 1, 108, 0, 0, 0, 1, 97, 2, 107, 0, 1, 3));
        decodes(new ImproperList(List.of(1L, 2L), Atom.of("t")),
                of(131, 108, 0, 0, 0, 1, 97, 1, 108, 0, 0, 0, 1, 97, 2, 119, 1, 116));
        // An empty LIST_EXT is just its tail.
        decodes(Atom.of("t"), of(131, 108, 0, 0, 0, 0, 119, 1, 116));
    }

    @Test
    void binaryExt() {
        both(Binary.of(of(1, 2, 3)), 131, 109, 0, 0, 0, 3, 1, 2, 3);
        both(Binary.EMPTY, 131, 109, 0, 0, 0, 0);
        assertArrayEquals(of(131, 109, 0, 0, 0, 2, 0xC3, 0xA9), Etf.encode("é"));
        assertArrayEquals(of(131, 109, 0, 0, 0, 1, 9), Etf.encode(new byte[] {9}));
    }

    @Test
    void bitBinaryExt() {
        both(BitString.of(of(224), 3), 131, 77, 0, 0, 0, 1, 3, 224);
        // Unused bits arriving set are cleared, as erl clears them.
        decodes(BitString.of(of(224), 3), of(131, 77, 0, 0, 0, 1, 3, 255));
        assertArrayEquals(of(131, 77, 0, 0, 0, 1, 3, 224), Etf.encode(Etf.decode(of(131, 77, 0, 0, 0, 1, 3, 255))));
        // Whole bytes are a binary; zero bytes are the empty binary.
        decodes(Binary.of(of(255)), of(131, 77, 0, 0, 0, 1, 8, 255));
        decodes(Binary.EMPTY, of(131, 77, 0, 0, 0, 0, 0));
        assertThrows(EtfException.class, () -> Etf.decode(of(131, 77, 0, 0, 0, 1, 9, 255)));
        assertThrows(EtfException.class, () -> Etf.decode(of(131, 77, 0, 0, 0, 1, 0, 255)));
    }

    @Test
    void mapExt() {
        // #{1 => a, 1.0 => b, 0.5 => c, 2 => d, -1 => e, 3.0 => f}: erl sorts integers before floats.
        Map<Object, Object> map = new HashMap<>();
        map.put(1L, Atom.of("a"));
        map.put(1.0, Atom.of("b"));
        map.put(0.5, Atom.of("c"));
        map.put(2L, Atom.of("d"));
        map.put(-1L, Atom.of("e"));
        map.put(3.0, Atom.of("f"));
        both(map, 131, 116, 0, 0, 0, 6, 98, 255, 255, 255, 255, 119, 1, 101, 97, 1, 119, 1, 97, 97, 2, 119, 1, 100,
                70, 63, 224, 0, 0, 0, 0, 0, 0, 119, 1, 99, 70, 63, 240, 0, 0, 0, 0, 0, 0, 119, 1, 98, 70, 64, 8, 0,
                0, 0, 0, 0, 0, 119, 1, 102);
        both(Map.of(), 131, 116, 0, 0, 0, 0);
        assertThrows(EtfException.class, () -> Etf.decode(of(131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3)),
                "duplicate key");
    }

    @Test
    void mapExtKeepsWireOrder() {
        byte[] unsorted = of(131, 116, 0, 0, 0, 2, 97, 2, 97, 0, 97, 1, 97, 0);
        Object map = Etf.decode(unsorted);
        assertEquals(List.of(2L, 1L), new ArrayList<>(((Map<?, ?>) map).keySet()));
        assertArrayEquals(unsorted, Etf.encode(map));
    }

    @Test
    void newPidExt() {
        Address pid = Address.of(new NodeId("a@b", 42), -1L);
        both(pid, 131, 88, 119, 3, 97, 64, 98, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 42);
        Address small = Address.of(new NodeId("a@b", 7), (3L << 32) | 9);
        both(small, 131, 88, 119, 3, 97, 64, 98, 0, 0, 0, 9, 0, 0, 0, 3, 0, 0, 0, 7);
        // Creation 0 (a node that is not distributed): ErlPid.
        both(new ErlPid(Atom.NONODE, 85, 0, 0), concat(of(131, 88, 119, 13), ascii("nonode@nohost"),
                of(0, 0, 0, 85, 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    private static void both(Object value, byte[] wire) {
        assertEquals(value, CODEC.decode(wire), "decode");
        assertArrayEquals(wire, CODEC.encode(value), "encode");
    }

    @Test
    void pidExtLegacy() {
        decodes(Address.of(new NodeId("a@x", 3), (0x1FFFL << 32) | 0x7FFF),
                of(131, 103, 119, 3, 97, 64, 120, 0, 0, 127, 255, 0, 0, 31, 255, 3));
        decodes(new ErlPid(Atom.of("a@x"), 1, 2, 0), of(131, 103, 100, 0, 3, 97, 64, 120, 0, 0, 0, 1, 0, 0, 0, 2, 0));
        // ...and re-encodes as NEW_PID_EXT, as erl does.
        assertEquals(88, Etf.encode(Etf.decode(of(131, 103, 119, 3, 97, 64, 120, 0, 0, 0, 1, 0, 0, 0, 2, 3)))[1]);
    }

    @Test
    void newPortExt() {
        both(new Port(Atom.of("a@x"), 2, 1), 131, 89, 119, 3, 97, 64, 120, 0, 0, 0, 2, 0, 0, 0, 1);
        both(new Port(Atom.of("a@b"), (1 << 28) - 1, 42), 131, 89, 119, 3, 97, 64, 98, 15, 255, 255, 255, 0, 0, 0, 42);
    }

    @Test
    void v4PortExt() {
        // erl 25 writes V4_PORT_EXT from 2^28 on.
        both(new Port(Atom.of("a@b"), 1 << 28, 42), 131, 120, 119, 3, 97, 64, 98, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 42);
        both(new Port(Atom.of("a@b"), 1L << 32, 42), 131, 120, 119, 3, 97, 64, 98, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 42);
        both(new Port(Atom.of("a@b"), -1L, 42), 131, 120, 119, 3, 97, 64, 98, 255, 255, 255, 255, 255, 255, 255,
                255, 0, 0, 0, 42);
    }

    @Test
    void portExtLegacy() {
        decodes(new Port(Atom.of("a@x"), 7, 2), of(131, 102, 119, 3, 97, 64, 120, 0, 0, 0, 7, 2));
    }

    @Test
    void newerReferenceExt() {
        both(new Ref(Atom.of("a@x"), 1, new int[] {1, 2, 3, 4, 5}), 131, 90, 0, 5, 119, 3, 97, 64, 120, 0, 0, 0, 1,
                0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5);
        both(new Ref(Atom.of("a@x"), 0xFFFFFFFFL, new int[] {-1}), 131, 90, 0, 1, 119, 3, 97, 64, 120, 255, 255, 255,
                255, 255, 255, 255, 255);
        both(new Ref(Atom.of("a@x"), 1, new int[0]), 131, 90, 0, 0, 119, 3, 97, 64, 120, 0, 0, 0, 1);
        assertThrows(EtfException.class, () -> Etf.decode(concat(of(131, 90, 0, 6, 119, 3, 97, 64, 120, 0, 0, 0, 1),
                new byte[24])), "more than 5 ids");
    }

    @Test
    void newReferenceExtAndReferenceExtLegacy() {
        decodes(new Ref(Atom.of("a@x"), 3, new int[] {1, 2}),
                of(131, 114, 0, 2, 119, 3, 97, 64, 120, 3, 0, 0, 0, 1, 0, 0, 0, 2));
        decodes(new Ref(Atom.of("a@x"), 3, new int[] {0x3FFFF}), of(131, 101, 119, 3, 97, 64, 120, 0, 3, 255, 255, 3));
    }

    @Test
    void exportExt() {
        both(new ExportFun(Atom.of("erlang"), Atom.of("abs"), 1), concat(of(131, 113, 119, 6), ascii("erlang"),
                of(119, 3), ascii("abs"), of(97, 1)));
        decodes(new ExportFun(Atom.of("erlang"), Atom.of("abs"), 1),
                of(131, 113, 100, 0, 6, 101, 114, 108, 97, 110, 103, 100, 0, 3, 97, 98, 115, 97, 1));
        assertThrows(EtfException.class, () -> Etf.decode(
                of(131, 113, 119, 1, 109, 119, 1, 102, 98, 0, 0, 0, 1)), "arity must be SMALL_INTEGER_EXT");
    }

    /** term_to_binary(fun(X) -> X end) in module probe, on nonode@nohost (OTP 25). */
    static final byte[] LOCAL_FUN = of(131, 112, 0, 0, 0, 73, 1, 55, 251, 3, 21, 91, 67, 64, 52, 65, 34, 168, 167, 180,
            147, 227, 199, 0, 0, 0, 0, 0, 0, 0, 0, 100, 0, 5, 112, 114, 111, 98, 101, 97, 0, 98, 1, 191, 216, 24, 88,
            100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0,
            0, 0);

    @Test
    void newFunExt() {
        LocalFun fun = assertInstanceOf(LocalFun.class, Etf.decode(LOCAL_FUN));
        assertEquals(Atom.of("probe"), fun.module());
        assertEquals(1, fun.arity());
        assertEquals(0, fun.index());
        assertEquals(0, fun.oldIndex());
        assertEquals(0x01BFD818, fun.oldUniq());
        assertEquals(new ErlPid(Atom.NONODE, 9, 0, 0), fun.pid());
        assertEquals(List.of(), fun.freeVars());
        assertArrayEquals(LOCAL_FUN, Etf.encode(fun), "echoed verbatim");
        assertArrayEquals(Arrays.copyOfRange(LOCAL_FUN, 1, LOCAL_FUN.length), fun.encoded());
        // Inside other terms too.
        byte[] inTuple = concat(of(131, 104, 1), Arrays.copyOfRange(LOCAL_FUN, 1, LOCAL_FUN.length));
        assertArrayEquals(inTuple, Etf.encode(Etf.decode(inTuple)));
    }

    @Test
    void newFunExtWithWrongSize() {
        byte[] bad = LOCAL_FUN.clone();
        bad[5] = 74;
        EtfException e = assertThrows(EtfException.class, () -> Etf.decode(concat(bad, of(0))));
        assertTrue(e.getMessage().contains("NEW_FUN_EXT"), e.getMessage());
    }

    @Test
    void compressed() {
        Object term = List.of(Binary.of(new byte[1000]), Atom.of("x"));
        byte[] plain = Etf.encode(term);
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib, new Deflater(6))) {
            out.write(plain, 1, plain.length - 1);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        byte[] wire = concat(of(131, 80), ByteBuffer.allocate(4).putInt(plain.length - 1).array(), zlib.toByteArray());
        assertEquals(term, Etf.decode(wire));

        EtfCodec compressing = EtfCodec.builder().compressed(6).build();
        byte[] encoded = compressing.encode(term);
        assertEquals(80, encoded[1]);
        assertTrue(encoded.length < plain.length);
        assertEquals(term, Etf.decode(encoded));
        // Not smaller: sent plain, as erl does.
        assertArrayEquals(of(131, 97, 1), compressing.encode(1));
    }

    @Test
    void versionByteRequired() {
        EtfException e = assertThrows(EtfException.class, () -> Etf.decode(of(130, 97, 1)));
        assertTrue(e.getMessage().contains("version byte is 130"), e.getMessage());
        assertEquals(0, e.offset());
    }
}
