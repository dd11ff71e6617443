package io.jreign.otp.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMappingTest {
    enum Color { RED, GREEN }

    record Point(int x, int y) {
    }

    record Person(String name, long age, boolean admin, Color color, List<Object> tags, byte[] photo,
                  double score, BigInteger big, Object anything) {
    }

    record User(String name, Point home) {
    }

    record Checked(int value) {
        Checked {
            if (value < 0) {
                throw new IllegalArgumentException("negative");
            }
        }
    }

    record Unregistered(int a) {
    }

    private static final Atom POINT = Atom.of("point");

    private final EtfCodec codec = EtfCodec.builder()
            .record(Point.class, POINT)
            .record(Person.class, Atom.of("person"))
            .record(User.class, Atom.of("Elixir.User"), RecordShape.MAP)
            .record(Checked.class, Atom.of("checked"))
            .build();

    @Test
    void tupleShape() {
        byte[] wire = codec.encode(new Point(1, -2));
        assertArrayEquals(Etf.encode(Tuple.of(POINT, 1L, -2L)), wire);
        assertEquals(new Point(1, -2), codec.decode(wire));
        assertEquals(new Point(1, -2), codec.decode(wire, Point.class));
        // Other arities and unregistered codecs see a tuple.
        assertEquals(Tuple.of(POINT, 1L), codec.decode(Etf.encode(Tuple.of(POINT, 1L))));
        assertEquals(Tuple.of(POINT, 1L, -2L), Etf.decode(wire));
    }

    @Test
    void fieldConversions() {
        Person p = new Person("Zoë", 42, true, Color.GREEN, List.of(Atom.of("x"), 1L), new byte[] {1, 2}, 0.5,
                BigInteger.TEN, Map.of(Atom.OK, 1L));
        Object back = codec.decode(codec.encode(p));
        Person q = assertInstanceOf(Person.class, back);
        assertEquals(p.name(), q.name());
        assertEquals(p.age(), q.age());
        assertEquals(p.admin(), q.admin());
        assertEquals(p.color(), q.color());
        assertEquals(p.tags(), q.tags());
        assertArrayEquals(p.photo(), q.photo());
        assertEquals(p.score(), q.score());
        assertEquals(p.big(), q.big());
        assertEquals(p.anything(), q.anything());
        // A charlist converts to a String field too.
        Object fromCharlist = codec.decode(Etf.encode(Tuple.of(Atom.of("person"), List.of(0x1F600L, 97L), 1L,
                Atom.FALSE, Atom.of("RED"), List.of(), Binary.EMPTY, 1.0, 5L, Atom.OK)));
        assertEquals("\uD83D\uDE00a", ((Person) fromCharlist).name());
    }

    @Test
    void mapShape() {
        User user = new User("ann", new Point(3, 4));
        byte[] wire = codec.encode(user);
        Map<?, ?> asMap = (Map<?, ?>) Etf.decode(wire);
        assertEquals(Atom.of("Elixir.User"), asMap.get(Atom.of("__struct__")));
        assertEquals(Binary.utf8("ann"), asMap.get(Atom.of("name")));
        assertEquals(Tuple.of(POINT, 3L, 4L), asMap.get(Atom.of("home")));
        assertEquals(user, codec.decode(wire));
        EtfException missing = assertThrows(EtfException.class, () -> codec.decode(Etf.encode(
                Map.of(Atom.of("__struct__"), Atom.of("Elixir.User"), Atom.of("name"), "x", Atom.of("other"), 1))));
        assertTrue(missing.getMessage().contains("lacks field home"), missing.getMessage());
    }

    @Test
    void mismatchesAreClear() {
        EtfException e = assertThrows(EtfException.class,
                () -> codec.decode(Etf.encode(Tuple.of(POINT, Atom.OK, 1L))));
        assertTrue(e.getMessage().contains("field x of " + Point.class.getName() + " expects int, got ok"),
                e.getMessage());
        assertThrows(EtfException.class, () -> codec.decode(Etf.encode(Tuple.of(POINT, 1L << 40, 1L))));
        EtfException rejected = assertThrows(EtfException.class,
                () -> codec.decode(Etf.encode(Tuple.of(Atom.of("checked"), -1L))));
        assertTrue(rejected.getMessage().contains("negative"), rejected.getMessage());
        assertThrows(EtfException.class, () -> codec.encode(new Unregistered(1)));
        EtfException notATerm = assertThrows(EtfException.class, () -> codec.encode(new StringBuilder()));
        assertTrue(notATerm.getMessage().contains("java.lang.StringBuilder"), notATerm.getMessage());
    }

    @Test
    void registrationRules() {
        assertThrows(IllegalArgumentException.class, () -> EtfCodec.builder().record(Point.class, POINT)
                .record(Point.class, Atom.of("other")));
        record Other(int a, int b) {
        }
        assertThrows(IllegalArgumentException.class, () -> EtfCodec.builder().record(Point.class, POINT)
                .record(Other.class, POINT));
        record Single(int a) {
        }
        EtfCodec.builder().record(Point.class, POINT).record(Single.class, POINT).build();
    }

    @Test
    void recordsAsMapKeysSortLikeTheirTuples() {
        Map<Object, Object> map = new java.util.HashMap<>();
        map.put(new Point(2, 0), 1L);
        map.put(Tuple.of(POINT, 1L, 0L), 2L);
        map.put(Atom.OK, 3L);
        byte[] wire = codec.encode(map);
        Map<?, ?> back = (Map<?, ?>) Etf.decode(wire);
        assertEquals(List.of(Atom.OK, Tuple.of(POINT, 1L, 0L), Tuple.of(POINT, 2L, 0L)), List.copyOf(back.keySet()));
    }
}
