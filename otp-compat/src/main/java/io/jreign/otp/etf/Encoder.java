package io.jreign.otp.etf;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Writes one term with modern tags only. One instance per encode call; see {@link EtfCodec} for
 * the layout of each tag.
 */
final class Encoder {
    private final ByteSink out;
    private final Records records;
    private final int maxDepth;
    private final TermOrder keyOrder;

    Encoder(ByteSink out, Records records, int maxDepth, TermOrder keyOrder) {
        this.out = out;
        this.records = records;
        this.maxDepth = maxDepth;
        this.keyOrder = keyOrder;
    }

    void term(Object term, int depth) {
        if (depth > maxDepth) {
            throw new EtfException("cannot encode: term nests deeper than " + maxDepth + " levels (a cycle?)");
        }
        switch (term) {
            case null -> throw new EtfException("cannot encode null (Erlang has no null; use an atom such as undefined)");
            case Atom a -> atom(a);
            case Long l -> integer(l);
            case Integer i -> integer(i);
            case Short s -> integer(s);
            case Byte b -> integer(b);
            case BigInteger b -> bigInteger(b);
            case Double d -> floating(d);
            case Float f -> floating(f);
            case Boolean b -> atom(Atom.of(b));
            case Binary b -> binary(b.unsafeBytes());
            case byte[] b -> binary(b);
            case String s -> binary(s.getBytes(StandardCharsets.UTF_8));
            case BitString b -> bitString(b);
            case Tuple t -> tuple(t.elements(), depth);
            case ByteList b -> byteList(b);
            case List<?> l -> list(l, depth);
            case ImproperList l -> improperList(l, depth);
            case Map<?, ?> m -> map(m, depth);
            case Address a -> pid(Atom.of(a.node().name()), Pids.idOf(a), Pids.serialOf(a), a.node().incarnation());
            case ErlPid p -> pid(p.node(), p.id(), p.serial(), p.creation());
            case Ref r -> ref(r);
            case Port p -> port(p);
            case ExportFun f -> exportFun(f);
            case LocalFun f -> out.bytes(f.unsafeEncoded());
            case Reason r -> atom(Terms.reasonAtom(r));
            case Enum<?> e -> atom(Atom.of(e.name()));
            case Record r when records.mappingOf(r.getClass()) != null -> term(records.toTerm(r), depth);
            case Record r -> throw new EtfException("cannot encode record " + r.getClass().getName()
                    + ": register it with EtfCodec.Builder.record(...)");
            default -> throw new EtfException("cannot encode " + term.getClass().getName()
                    + ": not an Erlang term type (see io.jreign.otp.etf.EtfCodec for the mapping)");
        }
    }

    void atom(Atom atom) {
        byte[] utf8 = atom.name().getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= 255) {
            out.u8(Tags.SMALL_ATOM_UTF8_EXT);
            out.u8(utf8.length);
        } else {
            out.u8(Tags.ATOM_UTF8_EXT);
            out.u16(utf8.length);
        }
        out.bytes(utf8);
    }

    private void integer(long v) {
        if (v >= 0 && v <= 255) {
            out.u8(Tags.SMALL_INTEGER_EXT);
            out.u8((int) v);
        } else if (v == (int) v) {
            out.u8(Tags.INTEGER_EXT);
            out.u32(v);
        } else {
            long magnitude = v < 0 ? -v : v; // Long.MIN_VALUE stays negative: read as unsigned below
            int n = 8 - Long.numberOfLeadingZeros(magnitude) / 8;
            out.u8(Tags.SMALL_BIG_EXT);
            out.u8(n);
            out.u8(v < 0 ? 1 : 0);
            for (int i = 0; i < n; i++) {
                out.u8((int) (magnitude >>> (8 * i)));
            }
        }
    }

    private void bigInteger(BigInteger b) {
        if (b.bitLength() < 64) {
            integer(b.longValue());
            return;
        }
        byte[] be = b.abs().toByteArray();
        int skip = be[0] == 0 ? 1 : 0;
        int n = be.length - skip;
        if (n <= 255) {
            out.u8(Tags.SMALL_BIG_EXT);
            out.u8(n);
        } else {
            out.u8(Tags.LARGE_BIG_EXT);
            out.u32(n);
        }
        out.u8(b.signum() < 0 ? 1 : 0);
        for (int i = be.length - 1; i >= skip; i--) {
            out.u8(be[i]);
        }
    }

    private void floating(double d) {
        if (!Double.isFinite(d)) {
            throw new EtfException("cannot encode " + d + ": Erlang floats are finite");
        }
        out.u8(Tags.NEW_FLOAT_EXT);
        out.u64(Double.doubleToRawLongBits(d));
    }

    private void binary(byte[] bytes) {
        out.u8(Tags.BINARY_EXT);
        out.u32(bytes.length);
        out.bytes(bytes);
    }

    private void bitString(BitString b) {
        out.u8(Tags.BIT_BINARY_EXT);
        out.u32(b.byteSize());
        out.u8(b.bitsInLastByte());
        out.bytes(b.unsafeBytes());
    }

    private void tuple(List<Object> elements, int depth) {
        int n = elements.size();
        if (n <= 255) {
            out.u8(Tags.SMALL_TUPLE_EXT);
            out.u8(n);
        } else {
            out.u8(Tags.LARGE_TUPLE_EXT);
            out.u32(n);
        }
        for (Object element : elements) {
            term(element, depth + 1);
        }
    }

    private void byteList(ByteList list) {
        if (list.isEmpty()) {
            out.u8(Tags.NIL_EXT);
        } else if (list.size() <= ByteList.MAX_STRING_EXT) {
            out.u8(Tags.STRING_EXT);
            out.u16(list.size());
            out.bytes(list.unsafeBytes());
        } else {
            out.u8(Tags.LIST_EXT);
            out.u32(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.u8(Tags.SMALL_INTEGER_EXT);
                out.u8(list.getInt(i));
            }
            out.u8(Tags.NIL_EXT);
        }
    }

    private void list(List<?> list, int depth) {
        int n = list.size();
        if (n == 0) {
            out.u8(Tags.NIL_EXT);
            return;
        }
        if (n <= ByteList.MAX_STRING_EXT && allSmall(list)) {
            out.u8(Tags.STRING_EXT);
            out.u16(n);
            for (Object element : list) {
                out.u8(Terms.smallByte(element));
            }
            return;
        }
        out.u8(Tags.LIST_EXT);
        out.u32(n);
        int written = 0;
        for (Object element : list) {
            term(element, depth + 1);
            written++;
        }
        if (written != n) {
            throw new EtfException("list changed size while being encoded");
        }
        out.u8(Tags.NIL_EXT);
    }

    private static boolean allSmall(List<?> list) {
        for (Object element : list) {
            if (Terms.smallByte(element) < 0) {
                return false;
            }
        }
        return true;
    }

    private void improperList(ImproperList list, int depth) {
        out.u8(Tags.LIST_EXT);
        out.u32(list.elements().size());
        for (Object element : list.elements()) {
            term(element, depth + 1);
        }
        term(list.tail(), depth + 1);
    }

    private void map(Map<?, ?> map, int depth) {
        int n = map.size();
        out.u8(Tags.MAP_EXT);
        out.u32(n);
        int written = 0;
        if (map instanceof SequencedMap<?, ?>) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                term(entry.getKey(), depth + 1);
                term(entry.getValue(), depth + 1);
                written++;
            }
        } else {
            List<Object> keys = new ArrayList<>(map.keySet());
            keys.sort(keyOrder);
            checkDistinct(keys);
            for (Object key : keys) {
                term(key, depth + 1);
                term(map.get(key), depth + 1);
                written++;
            }
        }
        if (written != n) {
            throw new EtfException("map changed size while being encoded");
        }
    }

    private void checkDistinct(List<Object> sortedKeys) {
        Iterator<Object> it = sortedKeys.iterator();
        Object previous = it.hasNext() ? it.next() : null;
        while (it.hasNext()) {
            Object key = it.next();
            if (keyOrder.compare(previous, key) == 0
                    && Terms.canonical(previous, records).equals(Terms.canonical(key, records))) {
                throw new EtfException("map has two keys that are the same Erlang term: " + Terms.show(key));
            }
            previous = key;
        }
    }

    private void pid(Atom node, int id, int serial, long creation) {
        out.u8(Tags.NEW_PID_EXT);
        atom(node);
        out.u32(id);
        out.u32(serial);
        out.u32(creation);
    }

    private void ref(Ref ref) {
        int[] ids = ref.unsafeIds();
        out.u8(Tags.NEWER_REFERENCE_EXT);
        out.u16(ids.length);
        atom(ref.node());
        out.u32(ref.creation());
        for (int id : ids) {
            out.u32(id);
        }
    }

    private void port(Port port) {
        if (port.id() >>> 28 == 0) { // erl's limit for the old port number, ERTS_MAX_V3_PORT_NUMBER
            out.u8(Tags.NEW_PORT_EXT);
            atom(port.node());
            out.u32(port.id());
        } else {
            out.u8(Tags.V4_PORT_EXT);
            atom(port.node());
            out.u64(port.id());
        }
        out.u32(port.creation());
    }

    private void exportFun(ExportFun fun) {
        out.u8(Tags.EXPORT_EXT);
        atom(fun.module());
        atom(fun.function());
        out.u8(Tags.SMALL_INTEGER_EXT);
        out.u8(fun.arity());
    }
}
