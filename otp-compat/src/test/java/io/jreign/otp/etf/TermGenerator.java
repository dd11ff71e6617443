package io.jreign.otp.etf;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random Erlang terms in their decoded Java form (Long, not Integer; Binary, not String),
 * so that a decoded copy is {@code equals} to the original. The same seed gives the same term.
 */
final class TermGenerator {
    private static final String[] NODES = {"jr1@host", "jr2@host", "other@example.com", "a-b_c.d@x"};

    private final SplittableRandom random;

    TermGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Object term(int depth) {
        if (depth == 0) {
            return leaf();
        }
        return switch (random.nextInt(11)) {
            case 0, 1, 2, 3 -> leaf();
            case 4 -> new Tuple(some(depth));
            case 5 -> some(depth);
            case 6 -> new ImproperList(nonEmpty(depth), nonListTail(depth));
            case 7 -> map(depth, random.nextInt(6));
            case 8 -> {
                Map<Object, Object> linked = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    linked.put(term(depth - 1), term(depth - 1));
                }
                yield linked;
            }
            case 9 -> special(depth);
            default -> byteList();
        };
    }

    private List<Object> some(int depth) {
        List<Object> out = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            out.add(term(depth - 1));
        }
        return out;
    }

    private List<Object> nonEmpty(int depth) {
        List<Object> out = some(depth);
        out.add(term(depth - 1));
        return out;
    }

    private Object nonListTail(int depth) {
        while (true) {
            Object tail = term(depth - 1);
            if (!(tail instanceof List<?>) && !(tail instanceof ImproperList)) {
                return tail;
            }
        }
    }

    private Map<Object, Object> map(int depth, int size) {
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(random.nextBoolean() ? term(depth - 1) : key(), term(depth - 1));
        }
        return map;
    }

    /** Keys that stress map-key order: integers next to equal floats, nested numbers, pids, refs. */
    private Object key() {
        return switch (random.nextInt(8)) {
            case 0 -> (long) random.nextInt(4);
            case 1 -> (double) random.nextInt(4);
            case 2 -> Tuple.of((long) random.nextInt(3), random.nextBoolean() ? 1.0 : 1L);
            case 3 -> List.of(random.nextBoolean() ? 2.0 : 2L, (long) random.nextInt(3));
            case 4 -> Map.of((long) random.nextInt(3), random.nextBoolean() ? 0.5 : 1L);
            case 5 -> pid();
            case 6 -> ref();
            default -> leaf();
        };
    }

    private Object special(int depth) {
        return switch (random.nextInt(7)) {
            case 0 -> {
                Map<Object, Object> big = new HashMap<>();
                for (long i = 0, n = 33 + random.nextInt(20); i < n; i++) {
                    big.put(i, term(depth - 1));
                }
                yield big;
            }
            case 1 -> {
                List<Object> elements = new ArrayList<>();
                for (long i = 0, n = 256 + random.nextInt(40); i < n; i++) {
                    elements.add(i);
                }
                yield new Tuple(elements);
            }
            case 2 -> Atom.of(unicode(255));
            case 3 -> {
                List<Object> codepoints = new ArrayList<>();
                for (int i = 1 + random.nextInt(20); i > 0; i--) {
                    codepoints.add((long) unicodeChar());
                }
                yield codepoints;
            }
            case 4 -> {
                Object inner = leaf();
                for (int i = 0; i < 30; i++) {
                    inner = List.of(inner);
                }
                yield inner;
            }
            case 5 -> {
                byte[] bytes = new byte[1000 + random.nextInt(3000)];
                random.nextBytes(bytes);
                yield Binary.of(bytes);
            }
            default -> Tuple.of(Atom.of("tagged"), term(depth - 1), ByteList.ofLatin1("hello"));
        };
    }

    Object leaf() {
        return switch (random.nextInt(22)) {
            case 0 -> (long) random.nextInt(256);
            case 1 -> (long) random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> {
                BigInteger big = new BigInteger(64 + random.nextInt(1200), new java.util.Random(random.nextLong()))
                        .setBit(64);
                yield random.nextBoolean() ? big : big.negate();
            }
            case 4 -> finiteDouble();
            case 5 -> Atom.of(ascii(1 + random.nextInt(10)));
            case 6 -> Atom.of(unicode(1 + random.nextInt(12)));
            case 7 -> {
                byte[] bytes = new byte[random.nextInt(40)];
                random.nextBytes(bytes);
                yield Binary.of(bytes);
            }
            case 8 -> {
                byte[] bytes = new byte[1 + random.nextInt(6)];
                random.nextBytes(bytes);
                yield BitString.of(bytes, 1 + random.nextInt(7));
            }
            case 9 -> pid();
            case 10 -> new ErlPid(Atom.of("x" + random.nextInt(3) + "@y"), random.nextInt(), random.nextInt(), 0);
            case 11 -> ref();
            case 12 -> new Port(Atom.of(NODES[random.nextInt(NODES.length)]),
                    random.nextBoolean() ? random.nextLong() : random.nextLong(0, 1L << 32), creation());
            case 13 -> new ExportFun(Atom.of(ascii(1 + random.nextInt(6))), Atom.of(unicode(1 + random.nextInt(6))),
                    random.nextInt(256));
            case 14 -> byteList();
            case 15 -> List.of();
            case 16 -> Map.of();
            case 17 -> Tuple.EMPTY;
            case 18 -> random.nextBoolean() ? Atom.TRUE : Atom.UNDEFINED;
            case 19 -> new long[] {255, 256, -1, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE,
                    Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE}[random.nextInt(9)];
            case 20 -> Binary.EMPTY;
            default -> (double) random.nextInt(1000) / 8;
        };
    }

    private Object byteList() {
        int n = random.nextInt(40) == 0 ? 65535 + random.nextInt(3) : 1 + random.nextInt(30);
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            return ByteList.of(bytes);
        }
        List<Object> longs = new ArrayList<>(n);
        for (byte b : bytes) {
            longs.add((long) (b & 0xFF));
        }
        return longs;
    }

    private Address pid() {
        NodeId node = new NodeId(NODES[random.nextInt(NODES.length)], creation());
        return Address.of(node, random.nextLong());
    }

    private Ref ref() {
        int[] ids = new int[1 + random.nextInt(5)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt();
        }
        return new Ref(Atom.of(NODES[random.nextInt(NODES.length)]), random.nextInt(4) == 0 ? 0 : creation(), ids);
    }

    private long creation() {
        return random.nextLong(1, 0x1_0000_0000L);
    }

    private double finiteDouble() {
        while (true) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d) && d != 0.0) {
                return d;
            }
        }
    }

    private String ascii(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private String unicode(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(unicodeChar());
        }
        return out.toString();
    }

    private int unicodeChar() {
        int[][] ranges = {{'a', 'z'}, {0xC0, 0xFF}, {0x391, 0x3C9}, {0x4E00, 0x4E50}, {0x1F600, 0x1F64F}, {0x20, 0x7E}};
        int[] range = ranges[random.nextInt(ranges.length)];
        return random.nextInt(range[0], range[1] + 1);
    }

    /**
     * Whether erl re-encodes {@code term} to exactly the bytes Java wrote: no map of more than 32
     * keys (erl writes those in hash order), and no SequencedMap whose keys are out of erl's order.
     */
    static boolean exactBytesExpected(Object term) {
        return switch (term) {
            case Map<?, ?> m -> m.size() <= 32 && (!(m instanceof java.util.SequencedMap<?, ?>) || inKeyOrder(m))
                    && m.entrySet().stream().allMatch(e -> exactBytesExpected(e.getKey()) && exactBytesExpected(e.getValue()));
            case Tuple t -> t.elements().stream().allMatch(TermGenerator::exactBytesExpected);
            case ImproperList l -> l.elements().stream().allMatch(TermGenerator::exactBytesExpected)
                    && exactBytesExpected(l.tail());
            case List<?> l -> l.stream().allMatch(TermGenerator::exactBytesExpected);
            default -> true;
        };
    }

    private static boolean inKeyOrder(Map<?, ?> map) {
        List<Object> keys = new ArrayList<>(map.keySet());
        for (int i = 1; i < keys.size(); i++) {
            if (TermOrder.MAP_KEYS.compare(keys.get(i - 1), keys.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }
}
