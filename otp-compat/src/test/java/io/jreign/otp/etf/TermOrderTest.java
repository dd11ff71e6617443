package io.jreign.otp.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Expected orders are what lists:sort/1 and map keys give on OTP 25. */
class TermOrderTest {

    private static void sortsAs(TermOrder order, Object... expected) {
        List<Object> shuffled = new ArrayList<>(List.of(expected));
        Collections.shuffle(shuffled, new Random(1));
        shuffled.sort(order);
        assertEquals(List.of(expected), shuffled);
    }

    @Test
    void typesInOrder() {
        sortsAs(TermOrder.STANDARD, 1L, Atom.of("a"), new Ref(Atom.of("a@b"), 1, new int[] {1}),
                new ExportFun(Atom.of("m"), Atom.of("f"), 0), new Port(Atom.of("a@b"), 1, 1),
                Address.of(new NodeId("a@b", 1), 1), Tuple.EMPTY, Map.of(), List.of(), List.of(1L),
                Binary.EMPTY);
    }

    @Test
    void numbers() {
        // lists:sort([1, 1.0, 0.5, 2, -1, 3.0]) -> [-1, 0.5, 1.0, 1, 2, 3.0]; 1 == 1.0.
        assertEquals(0, TermOrder.STANDARD.compare(1L, 1.0));
        assertTrue(TermOrder.STANDARD.compare(new java.math.BigInteger("100000000000000000000"), 1e20) == 0);
        assertTrue(TermOrder.STANDARD.compare(Long.MAX_VALUE, 9.223372036854775807E18) < 0);
        // Map keys: every integer before every float.
        sortsAs(TermOrder.MAP_KEYS, -1L, 1L, 2L, 0.5, 1.0, 3.0);
        sortsAs(TermOrder.MAP_KEYS, Tuple.of(1L), Tuple.of(0.5), Tuple.of(1.0));
        sortsAs(TermOrder.MAP_KEYS, List.of(2L), List.of(1.0), List.of(1.5));
        assertEquals(0, TermOrder.MAP_KEYS.compare(0.0, -0.0));
    }

    @Test
    void maps() {
        // lists:sort([#{1 => a}, #{1.0 => a}, #{2 => a}, #{0.5 => b}])
        sortsAs(TermOrder.STANDARD, Map.of(1L, Atom.of("a")), Map.of(2L, Atom.of("a")), Map.of(0.5, Atom.of("b")),
                Map.of(1.0, Atom.of("a")));
        sortsAs(TermOrder.STANDARD, Map.of(Atom.of("a"), 1L), Map.of(Atom.of("a"), 2L), Map.of(Atom.of("b"), 1L));
    }

    @Test
    void bitstrings() {
        // [<<>>, <<0:2>>, <<0>>, <<0,0:1>>, <<1>>, <<1:1>>, <<128,0:1>>]
        sortsAs(TermOrder.STANDARD, Binary.EMPTY, BitString.of(new byte[] {0}, 2), Binary.of(new byte[] {0}),
                BitString.of(new byte[] {0, 0}, 1), Binary.of(new byte[] {1}), BitString.of(new byte[] {(byte) 128}, 1),
                BitString.of(new byte[] {(byte) 128, 0}, 1));
    }

    @Test
    void lists() {
        // [[a|b], [a|c], [a], [a,b], [b]]
        Atom a = Atom.of("a");
        Atom b = Atom.of("b");
        sortsAs(TermOrder.STANDARD, new ImproperList(List.of(a), b), new ImproperList(List.of(a), Atom.of("c")),
                List.of(a), List.of(a, b), List.of(b));
        assertEquals(0, TermOrder.STANDARD.compare(ByteList.ofLatin1("ab"), List.of(97L, 98L)));
    }

    @Test
    void identifiers() {
        Atom ax = Atom.of("a@x");
        Atom aax = Atom.of("aa@x");
        Atom bx = Atom.of("b@x");
        // Pids: serial, id, node, creation.
        sortsAs(TermOrder.STANDARD, Address.of(new NodeId("aa@x", 1), 0), Address.of(new NodeId("a@x", 2), 1),
                Address.of(new NodeId("b@x", 1), 1), new ErlPid(ax, 2, 0, 0), Address.of(new NodeId("a@x", 1), 2),
                Address.of(new NodeId("a@x", 2), 3), Address.of(new NodeId("a@x", 1), (1L << 32) | 1));
        // References: node, creation, then ids from the most significant word, zero-extended.
        sortsAs(TermOrder.STANDARD, new Ref(ax, 1, new int[] {1, 0}), new Ref(ax, 1, new int[] {2, 0, 0}),
                new Ref(ax, 1, new int[] {5}), new Ref(ax, 1, new int[] {1, 0, 1}),
                new Ref(ax, 1, new int[] {1, 2, 3, 4, 5}), new Ref(ax, 2, new int[] {1, 0, 0}),
                new Ref(bx, 1, new int[] {1, 0, 0}));
        // Ports: node, creation, id.
        sortsAs(TermOrder.STANDARD, new Port(ax, 2, 1), new Port(ax, 1L << 40, 1), new Port(ax, 1, 2),
                new Port(bx, 1, 1));
        assertTrue(TermOrder.STANDARD.compare(new Port(aax, 0, 0), new Port(bx, 0, 0)) < 0);
    }

    @Test
    void funs() {
        LocalFun local = (LocalFun) Etf.decode(EtfTagsTest.LOCAL_FUN);
        sortsAs(TermOrder.STANDARD, local, new ExportFun(Atom.of("erlang"), Atom.of("abs"), 1),
                new ExportFun(Atom.of("lists"), Atom.of("map"), 2));
    }

    @Test
    void atomsByCodePoint() {
        // U+1F600 sorts after U+FFFD by code point, although its UTF-16 surrogates sort before.
        sortsAs(TermOrder.STANDARD, Atom.of("a"), Atom.of("\uFFFD"), Atom.of("\uD83D\uDE00"));
    }

    @Test
    void convenienceValuesCompareAsTheirTerms() {
        assertEquals(0, TermOrder.STANDARD.compare(1, 1L));
        assertEquals(0, TermOrder.STANDARD.compare("ab", Binary.utf8("ab")));
        assertEquals(0, TermOrder.STANDARD.compare(true, Atom.TRUE));
    }
}
