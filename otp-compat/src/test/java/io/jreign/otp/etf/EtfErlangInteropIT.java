package io.jreign.otp.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.mailbox.Address;
import io.jreign.otp.testing.Erl;
import io.jreign.otp.testing.EtfPeer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The codec against real Erlang/OTP: an {@code erl} subprocess running etf_peer decodes what Java
 * encodes and re-encodes it, and generates terms of its own (funs, refs, pids, ports, big integers,
 * improper lists, maps with complex keys, bitstrings, unicode atoms, compressed binaries) for Java
 * to decode, re-encode and hand back to be checked with {@code =:=}.
 *
 * <p>Each random term is made from its own seed, printed on failure; replay one with
 * {@code -Detf.seed=SEED -Detf.count=1}. The base seed is random unless {@code etf.seed} is set.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EtfErlangInteropIT {
    private static final long BASE = Long.getLong("etf.seed", System.nanoTime());
    private static final int COUNT = Integer.getInteger("etf.count", 3000);

    private static Path dir;
    private static EtfPeer peer;
    private static final EtfCodec CODEC = EtfCodec.builder().atomTable(AtomTable.bounded(1_000_000)).build();

    @BeforeAll
    static void startErl() throws Exception {
        assumeTrue(Erl.available(), "erl/erlc are not installed");
        dir = Files.createTempDirectory("jreign-etf-it");
        peer = EtfPeer.start(dir);
    }

    @AfterAll
    static void stopErl() throws IOException {
        if (peer != null) {
            peer.close();
        }
        Erl.deleteTree(dir);
    }

    private static String replay(long seed) {
        return "seed " + seed + " (replay with -Detf.seed=" + seed + " -Detf.count=1)";
    }

    private static byte[] ok(EtfPeer.Reply reply, String context) {
        if (reply.status() != 0) {
            fail(context + ": erl answered " + reply.status() + ": " + reply.text());
        }
        return reply.payload();
    }

    @Test
    void javaTermsSurviveErl() throws IOException {
        int exact = 0;
        for (int i = 0; i < COUNT; i++) {
            long seed = BASE + i;
            Object term = new TermGenerator(seed).term(4);
            byte[] wire = CODEC.encode(term);
            String context = replay(seed) + ", term " + Terms.show(term);
            byte[] echoed = ok(peer.call('e', wire), context);
            assertEquals(term, CODEC.decode(echoed), context);
            if (TermGenerator.exactBytesExpected(term)) {
                assertArrayEquals(wire, echoed, () -> context + "\njava " + HexFormat.of().formatHex(wire)
                        + "\nerl  " + HexFormat.of().formatHex(echoed));
                exact++;
            }
        }
        assertEquals(true, exact > COUNT / 2, "most terms compare byte for byte, " + exact + " did");
    }

    @Test
    void compressedJavaTermsSurviveErl() throws IOException {
        EtfCodec compressing = CODEC.toBuilder().compressed(9).build();
        for (int i = 0; i < COUNT / 5; i++) {
            long seed = BASE - 1 - i;
            Object term = new TermGenerator(seed).term(4);
            byte[] echoed = ok(peer.call('e', compressing.encode(term)), replay(seed));
            assertEquals(term, CODEC.decode(echoed), replay(seed));
        }
    }

    @Test
    void erlangTermsSurviveJava() throws IOException {
        int count = Math.max(1, COUNT * 2 / 3);
        for (int i = 0; i < count; i++) {
            long seed = (BASE + i) & Long.MAX_VALUE;
            int variant = (int) (seed % 5);
            byte[] erlBytes = ok(peer.call('g', ByteBuffer.allocate(9).putLong(seed).put((byte) variant).array()),
                    "generating " + replay(seed));
            String context = replay(seed) + ", erl encoding variant " + variant;
            Object term;
            try {
                term = CODEC.decode(erlBytes);
            } catch (EtfException e) {
                throw new AssertionError(context + ": " + e.getMessage() + "\n" + HexFormat.of().formatHex(erlBytes), e);
            }
            byte[] javaBytes = CODEC.encode(term);
            assertEquals(term, CODEC.decode(javaBytes), context);
            if (variant == 1) {
                // erl wrote it with {minor_version, 2}, the tags Java writes: same bytes.
                assertArrayEquals(erlBytes, javaBytes, () -> context + "\nerl  " + HexFormat.of().formatHex(erlBytes)
                        + "\njava " + HexFormat.of().formatHex(javaBytes));
            }
            byte[] payload = ByteBuffer.allocate(8 + javaBytes.length).putLong(seed).put(javaBytes).array();
            ok(peer.call('v', payload), context + ", term " + Terms.show(term));
        }
    }

    /** Decodes what erl makes of {@code expression} and checks it against {@code expected}, both ways. */
    private static Object erl(String expression, Object expected) throws IOException {
        byte[] erlBytes = ok(peer.call('s', expression.getBytes(StandardCharsets.UTF_8)), expression);
        Object decoded = CODEC.decode(erlBytes);
        if (expected != null) {
            assertEquals(expected, decoded, expression);
            assertArrayEquals(erlBytes, CODEC.encode(expected), expression);
        }
        assertArrayEquals(erlBytes, CODEC.encode(decoded), expression);
        return decoded;
    }

    @Test
    void everyKindOfTermFromErl() throws IOException {
        erl("42", 42L);
        erl("-42", -42L);
        erl("1 bsl 100", BigInteger.ONE.shiftLeft(100));
        erl("-(1 bsl 2100)", BigInteger.ONE.shiftLeft(2100).negate());
        erl("3.25", 3.25);
        erl("'hello wörld 😀'", Atom.of("hello wörld 😀"));
        erl("{}", Tuple.EMPTY);
        erl("{a, {b, []}}", Tuple.of(Atom.of("a"), Tuple.of(Atom.of("b"), List.of())));
        erl("\"abc\"", ByteList.ofLatin1("abc"));
        erl("[1, 256]", List.of(1L, 256L));
        erl("[a, b | c]", new ImproperList(List.of(Atom.of("a"), Atom.of("b")), Atom.of("c")));
        erl("<<1, 2, 3>>", Binary.of(new byte[] {1, 2, 3}));
        erl("<<1, 5:3>>", BitString.of(new byte[] {1, (byte) 0xA0}, 3));
        erl("#{1 => a, 1.0 => b, {1} => c, [x] => d, #{} => e}", Map.of(1L, Atom.of("a"), 1.0, Atom.of("b"),
                Tuple.of(1L), Atom.of("c"), List.of(Atom.of("x")), Atom.of("d"), Map.of(), Atom.of("e")));
        erl("fun lists:map/2", new ExportFun(Atom.of("lists"), Atom.of("map"), 2));
        assertInstanceOf(ErlPid.class, erl("self()", null));
        assertInstanceOf(Ref.class, erl("make_ref()", null));
        assertInstanceOf(Port.class, erl("hd(erlang:ports())", null));
        LocalFun fun = assertInstanceOf(LocalFun.class, erl("begin X = 5, fun(Y) -> X + Y end end", null));
        assertEquals(1, fun.arity());
        assertInstanceOf(Address.class, erl("binary_to_term(<<131,88,119,3,\"a@b\",0,0,0,1,0,0,0,2,0,0,0,3>>)",
                null));
    }

    @Test
    void legacyTagsErlAccepts() throws IOException {
        // Terms Java decodes from legacy tags re-encode (modern tags) to what erl makes of the same bytes.
        byte[][] legacy = {
            {(byte) 131, 100, 0, 3, 'a', 'b', 'c'},
            {(byte) 131, 115, 1, (byte) 0xF6},
            {(byte) 131, 103, 119, 3, 'a', '@', 'x', 0, 0, 0, 1, 0, 0, 0, 2, 3},
            {(byte) 131, 102, 119, 3, 'a', '@', 'x', 0, 0, 0, 7, 2},
            {(byte) 131, 101, 119, 3, 'a', '@', 'x', 0, 0, 0, 9, 1},
            {(byte) 131, 114, 0, 2, 119, 3, 'a', '@', 'x', 3, 0, 0, 0, 1, 0, 0, 0, 2},
        };
        for (byte[] wire : legacy) {
            byte[] erlBytes = ok(peer.call('e', wire), HexFormat.of().formatHex(wire));
            assertArrayEquals(erlBytes, CODEC.encode(CODEC.decode(wire)), HexFormat.of().formatHex(wire));
        }
    }
}
