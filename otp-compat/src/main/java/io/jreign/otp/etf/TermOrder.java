package io.jreign.otp.etf;

import io.jreign.mailbox.Address;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Erlang's term order (OTP 25), as a comparator over decoded terms and the Java values the encoder
 * accepts:
 * <pre>
 * number &lt; atom &lt; reference &lt; fun &lt; port &lt; pid &lt; tuple &lt; map &lt; nil &lt; list &lt; bitstring
 * </pre>
 * <ul>
 *   <li>{@link #STANDARD} orders numbers by value, so {@code 1} and {@code 1.0} compare equal (as
 *       {@code ==} and {@code lists:sort/1}).</li>
 *   <li>{@link #MAP_KEYS} is the exact order erl sorts map keys by (and the keys of maps inside any
 *       term): every integer before every float, at every depth. The encoder writes maps of keys in
 *       this order, as {@code term_to_binary} writes small maps.</li>
 * </ul>
 * Atoms compare by code points; tuples by size, then elements; maps by size, then keys (in
 * {@code MAP_KEYS} order), then values; lists element by element, then tails; bitstrings bit by
 * bit, a prefix first; local funs before export funs; references and ports by node, creation, then
 * id; pids by serial, id, node, then creation.
 */
public final class TermOrder implements Comparator<Object> {
    /** Erlang's {@code ==} order. */
    public static final TermOrder STANDARD = new TermOrder(false, null);
    /** Erlang's {@code =:=} order, used for map keys. */
    public static final TermOrder MAP_KEYS = new TermOrder(true, null);

    private final boolean exact;
    private final Records records;

    TermOrder(boolean exact, Records records) {
        this.exact = exact;
        this.records = records;
    }

    /** The same order, in exact ({@code =:=}) flavour; see {@link #MAP_KEYS}. */
    TermOrder exact() {
        return exact ? this : new TermOrder(true, records);
    }

    @Override
    public int compare(Object left, Object right) {
        Object a = Terms.canonical(left, records);
        Object b = Terms.canonical(right, records);
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 1 -> numbers(a, b);
            case 2 -> compareCodePoints(((Atom) a).name(), ((Atom) b).name());
            case 3 -> refs((Ref) a, (Ref) b);
            case 4 -> funs(a, b);
            case 5 -> ports((Port) a, (Port) b);
            case 6 -> pids(a, b);
            case 7 -> sequences(((Tuple) a).elements(), ((Tuple) b).elements(), true);
            case 8 -> maps((Map<?, ?>) a, (Map<?, ?>) b);
            case 9 -> 0;
            case 10 -> lists(a, b);
            default -> bits(a, b);
        };
    }

    /** The type's place in the term order, 1 (number) to 11 (bitstring). */
    static int rank(Object term) {
        return switch (term) {
            case Long l -> 1;
            case BigInteger b -> 1;
            case Double d -> 1;
            case Atom a -> 2;
            case Ref r -> 3;
            case LocalFun f -> 4;
            case ExportFun f -> 4;
            case Port p -> 5;
            case Address a -> 6;
            case ErlPid p -> 6;
            case Tuple t -> 7;
            case Map<?, ?> m -> 8;
            case List<?> l -> l.isEmpty() ? 9 : 10;
            case ImproperList l -> 10;
            case Binary b -> 11;
            case BitString b -> 11;
            default -> throw new EtfException("not an Erlang term: " + term.getClass().getName());
        };
    }

    /** Compares strings code point by code point (UTF-16 order differs above U+FFFF). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private int numbers(Object a, Object b) {
        boolean fa = a instanceof Double;
        boolean fb = b instanceof Double;
        if (fa && fb) {
            double x = (Double) a;
            double y = (Double) b;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (!fa && !fb) {
            if (a instanceof Long x && b instanceof Long y) {
                return Long.compare(x, y);
            }
            return big(a).compareTo(big(b));
        }
        if (exact) {
            return fa ? 1 : -1;
        }
        BigDecimal x = fa ? new BigDecimal((Double) a) : new BigDecimal(big(a));
        BigDecimal y = fb ? new BigDecimal((Double) b) : new BigDecimal(big(b));
        return x.compareTo(y);
    }

    private static BigInteger big(Object integer) {
        return integer instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) integer;
    }

    private int refs(Ref a, Ref b) {
        int c = compareCodePoints(a.node().name(), b.node().name());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.creation(), b.creation());
        if (c != 0) {
            return c;
        }
        int[] x = a.unsafeIds();
        int[] y = b.unsafeIds();
        for (int i = Math.max(x.length, y.length) - 1; i >= 0; i--) {
            int wx = i < x.length ? x[i] : 0;
            int wy = i < y.length ? y[i] : 0;
            if (wx != wy) {
                return Integer.compareUnsigned(wx, wy);
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private int funs(Object a, Object b) {
        if (a instanceof ExportFun x && b instanceof ExportFun y) {
            int c = compareCodePoints(x.module().name(), y.module().name());
            if (c == 0) {
                c = compareCodePoints(x.function().name(), y.function().name());
            }
            return c != 0 ? c : Integer.compare(x.arity(), y.arity());
        }
        if (a instanceof LocalFun x && b instanceof LocalFun y) {
            int c = compareCodePoints(x.module().name(), y.module().name());
            if (c == 0) {
                c = Long.compare(x.oldIndex(), y.oldIndex());
            }
            if (c == 0) {
                c = Long.compare(x.oldUniq(), y.oldUniq());
            }
            if (c == 0) {
                c = Integer.compare(x.freeVars().size(), y.freeVars().size());
            }
            return c != 0 ? c : sequences(x.freeVars(), y.freeVars(), false);
        }
        return a instanceof LocalFun ? -1 : 1;
    }

    private static int ports(Port a, Port b) {
        int c = compareCodePoints(a.node().name(), b.node().name());
        if (c == 0) {
            c = Long.compare(a.creation(), b.creation());
        }
        return c != 0 ? c : Long.compareUnsigned(a.id(), b.id());
    }

    private static int pids(Object a, Object b) {
        int c = Integer.compareUnsigned(pidSerial(a), pidSerial(b));
        if (c == 0) {
            c = Integer.compareUnsigned(pidId(a), pidId(b));
        }
        if (c == 0) {
            c = compareCodePoints(pidNode(a), pidNode(b));
        }
        return c != 0 ? c : Long.compare(pidCreation(a), pidCreation(b));
    }

    private static int pidId(Object pid) {
        return pid instanceof Address a ? Pids.idOf(a) : ((ErlPid) pid).id();
    }

    private static int pidSerial(Object pid) {
        return pid instanceof Address a ? Pids.serialOf(a) : ((ErlPid) pid).serial();
    }

    private static String pidNode(Object pid) {
        return pid instanceof Address a ? a.node().name() : ((ErlPid) pid).node().name();
    }

    private static long pidCreation(Object pid) {
        return pid instanceof Address a ? a.node().incarnation() : ((ErlPid) pid).creation();
    }

    private int sequences(List<?> a, List<?> b, boolean sizeFirst) {
        if (sizeFirst && a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private int maps(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        TermOrder keyOrder = exact();
        List<Object> ka = sortedKeys(a, keyOrder);
        List<Object> kb = sortedKeys(b, keyOrder);
        for (int i = 0; i < ka.size(); i++) {
            int c = keyOrder.compare(ka.get(i), kb.get(i));
            if (c != 0) {
                return c;
            }
        }
        for (int i = 0; i < ka.size(); i++) {
            int c = compare(a.get(ka.get(i)), b.get(kb.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<Object> sortedKeys(Map<?, ?> map, TermOrder keyOrder) {
        List<Object> keys = new ArrayList<>(map.keySet());
        keys.sort(keyOrder);
        return keys;
    }

    private int lists(Object a, Object b) {
        List<?> ea = a instanceof ImproperList il ? il.elements() : (List<?>) a;
        List<?> eb = b instanceof ImproperList il ? il.elements() : (List<?>) b;
        Object ta = a instanceof ImproperList il ? il.tail() : List.of();
        Object tb = b instanceof ImproperList il ? il.tail() : List.of();
        int n = Math.min(ea.size(), eb.size());
        for (int i = 0; i < n; i++) {
            int c = compare(ea.get(i), eb.get(i));
            if (c != 0) {
                return c;
            }
        }
        boolean moreA = ea.size() > n;
        boolean moreB = eb.size() > n;
        if (!moreA && !moreB) {
            return compare(ta, tb);
        }
        // One side has run out of elements: its tail (nil or a non-list) meets a non-empty list.
        return moreA ? Integer.compare(10, rank(Terms.canonical(tb, records)))
                : Integer.compare(rank(Terms.canonical(ta, records)), 10);
    }

    private static int bits(Object a, Object b) {
        byte[] x = a instanceof Binary bin ? bin.unsafeBytes() : ((BitString) a).unsafeBytes();
        byte[] y = b instanceof Binary bin ? bin.unsafeBytes() : ((BitString) b).unsafeBytes();
        long lx = a instanceof Binary ? x.length * 8L : ((BitString) a).bitSize();
        long ly = b instanceof Binary ? y.length * 8L : ((BitString) b).bitSize();
        long common = Math.min(lx, ly);
        int whole = (int) (common / 8);
        int c = java.util.Arrays.compareUnsigned(x, 0, whole, y, 0, whole);
        if (c != 0) {
            return c;
        }
        int rest = (int) (common % 8);
        if (rest > 0) {
            int mask = 0xFF << (8 - rest) & 0xFF;
            c = Integer.compare(x[whole] & mask, y[whole] & mask);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(lx, ly);
    }
}
