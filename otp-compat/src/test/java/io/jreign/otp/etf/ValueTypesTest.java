package io.jreign.otp.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void atoms() {
        assertSame(Atom.of("hello_cache"), Atom.of("hello_cache"));
        assertEquals(Atom.of("x"), new Atom("x"));
        assertEquals("ok", Atom.OK.toString());
        assertEquals("'Hello world'", Atom.of("Hello world").toString());
        assertEquals("'end'", Atom.of("end").toString());
        assertEquals("'it\\'s'", Atom.of("it's").toString());
        new Atom("é".repeat(255));
        assertThrows(IllegalArgumentException.class, () -> new Atom("a".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> Atom.of(null));
        assertEquals(Atom.TRUE, Atom.of(true));
    }

    @Test
    void tuples() {
        Tuple t = Tuple.of(Atom.OK, 1L);
        assertEquals(2, t.size());
        assertEquals(Atom.OK, t.get(0));
        assertEquals("{ok,1}", t.toString());
        assertThrows(NullPointerException.class, () -> Tuple.of(Atom.OK, null));
        assertThrows(UnsupportedOperationException.class, () -> t.elements().add(1));
    }

    @Test
    void improperLists() {
        assertEquals("[1,2|c]", new ImproperList(List.of(1L, 2L), Atom.of("c")).toString());
        assertThrows(IllegalArgumentException.class, () -> new ImproperList(List.of(), Atom.OK));
        assertThrows(IllegalArgumentException.class, () -> new ImproperList(List.of(1L), List.of(2L)));
        assertEquals(List.of(1L, 2L), ImproperList.cons(List.of(1L), List.of(2L)));
        assertEquals(new ImproperList(List.of(1L, 2L), Atom.OK),
                ImproperList.cons(List.of(1L), new ImproperList(List.of(2L), Atom.OK)));
        assertEquals(Atom.OK, ImproperList.cons(List.of(), Atom.OK));
    }

    @Test
    void byteLists() {
        ByteList abc = ByteList.ofLatin1("abc");
        assertEquals(List.of(97L, 98L, 99L), abc);
        assertEquals(List.of(97L, 98L, 99L).hashCode(), abc.hashCode());
        assertEquals("\"abc\"", abc.toString());
        assertEquals("[0,1]", ByteList.of(new byte[] {0, 1}).toString());
        assertEquals("abc", abc.toLatin1String());
        assertThrows(IllegalArgumentException.class, () -> ByteList.ofLatin1("€"));
    }

    @Test
    void binaries() {
        byte[] bytes = {1, 2};
        Binary b = Binary.of(bytes);
        bytes[0] = 9;
        assertEquals(1, b.byteAt(0), "copied on the way in");
        assertEquals(Binary.of(new byte[] {1, 2}), b);
        assertEquals("<<1,2>>", b.toString());
        assertEquals("héllo", Binary.utf8("héllo").utf8());
        assertThrows(IllegalStateException.class, () -> Binary.of(new byte[] {(byte) 0xFF}).utf8());
    }

    @Test
    void bitStrings() {
        BitString bits = BitString.of(new byte[] {(byte) 0xFF}, 3);
        assertArrayEquals(new byte[] {(byte) 0xE0}, bits.toByteArray(), "unused bits cleared");
        assertEquals(BitString.of(new byte[] {(byte) 0xE0}, 3), bits);
        assertEquals(3, bits.bitSize());
        assertEquals("<<7:3>>", bits.toString());
        assertThrows(IllegalArgumentException.class, () -> BitString.of(new byte[] {1}, 8));
        assertThrows(IllegalArgumentException.class, () -> BitString.of(new byte[0], 3));
    }

    @Test
    void pidMapping() {
        Address a = Address.of(new NodeId("n@h", 7), (5L << 32) | 0xFFFFFFFFL);
        assertEquals(-1, Pids.idOf(a));
        assertEquals(5, Pids.serialOf(a));
        assertEquals(a, Pids.of(Atom.of("n@h"), -1, 5, 7));
        assertInstanceOf(ErlPid.class, Pids.of(Atom.of("n@h"), 1, 0, 0));
        assertInstanceOf(ErlPid.class, Pids.of(Atom.of("n é@h"), 1, 0, 7), "name NodeId does not accept");
        assertThrows(IllegalArgumentException.class, () -> new ErlPid(Atom.of("n@h"), 1, 0, 7));
        assertEquals("<nonode@nohost.85.0>", new ErlPid(Atom.NONODE, 85, 0, 0).toString());
    }

    @Test
    void refsAndPorts() {
        int[] ids = {1, 2};
        Ref r = new Ref(Atom.of("n@h"), 3, ids);
        ids[0] = 9;
        assertEquals(new Ref(Atom.of("n@h"), 3, new int[] {1, 2}), r);
        assertNotEquals(new Ref(Atom.of("n@h"), 4, new int[] {1, 2}), r);
        assertEquals("#Ref<n@h.2.1#3>", r.toString());
        assertThrows(IllegalArgumentException.class, () -> new Ref(Atom.OK, 1, new int[6]));
        assertThrows(IllegalArgumentException.class, () -> new Port(Atom.OK, 1, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new ExportFun(Atom.OK, Atom.OK, 256));
    }
}
