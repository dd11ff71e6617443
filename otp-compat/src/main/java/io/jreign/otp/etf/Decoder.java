package io.jreign.otp.etf;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads terms from a big-endian buffer, enforcing the codec's bounds. One instance per decode
 * call; see {@link EtfCodec} for the layout of each tag.
 */
final class Decoder {
    private final ByteBuffer in;
    private final EtfCodec codec;
    private final boolean cut;
    private final long base;
    /** The atoms a distribution header's cache references named, or null outside one. */
    private final Atom[] cacheRefs;
    private CharsetDecoder utf8;

    /**
     * @param in   the input, position at the first byte to read; read up to its limit
     * @param cut  whether the limit was lowered to the codec's max size (running out then means
     *             the term is too large rather than truncated)
     * @param base added to positions in error messages
     */
    Decoder(ByteBuffer in, EtfCodec codec, boolean cut, long base) {
        this(in, codec, cut, base, null);
    }

    /** @param cacheRefs what {@code ATOM_CACHE_REF} indexes, from the message's distribution header */
    Decoder(ByteBuffer in, EtfCodec codec, boolean cut, long base, Atom[] cacheRefs) {
        this.in = in.order(ByteOrder.BIG_ENDIAN);
        this.codec = codec;
        this.cut = cut;
        this.base = base;
        this.cacheRefs = cacheRefs;
    }

    int position() {
        return in.position();
    }

    /** A version byte, then a term, possibly compressed. */
    Object versioned() {
        int start = in.position();
        need(1, -1);
        int version = in.get() & 0xFF;
        if (version != Tags.VERSION) {
            throw error("not ETF: version byte is " + version + ", expected 131", start, -1);
        }
        if (in.hasRemaining() && (in.get(in.position()) & 0xFF) == Tags.COMPRESSED) {
            return compressed();
        }
        return term(0);
    }

    private Object compressed() {
        int start = in.position();
        in.get();
        need(4, Tags.COMPRESSED);
        long size = in.getInt() & 0xFFFF_FFFFL;
        if (size > codec.maxSize()) {
            throw error("compressed term declares " + size + " bytes uncompressed, more than maxSize "
                    + codec.maxSize(), start, Tags.COMPRESSED);
        }
        byte[] plain = new byte[(int) size];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in.slice());
            int filled = 0;
            while (filled < plain.length && !inflater.finished()) {
                int n = inflater.inflate(plain, filled, plain.length - filled);
                filled += n;
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw error("compressed data truncated", start, Tags.COMPRESSED);
                }
            }
            if (!inflater.finished()) {
                if (inflater.inflate(new byte[1]) > 0) {
                    throw error("compressed data is longer than the declared " + size + " bytes", start,
                            Tags.COMPRESSED);
                }
                if (!inflater.finished()) {
                    throw error("compressed data truncated", start, Tags.COMPRESSED);
                }
            }
            if (filled != plain.length) {
                throw error("compressed data is " + filled + " bytes, declared " + size, start, Tags.COMPRESSED);
            }
            in.position(in.position() + (int) inflater.getBytesRead());
        } catch (DataFormatException e) {
            throw error("bad zlib data: " + e.getMessage(), start, Tags.COMPRESSED);
        } finally {
            inflater.end();
        }
        Decoder inner = new Decoder(ByteBuffer.wrap(plain), codec, false, 0);
        Object term;
        try {
            term = inner.term(0);
        } catch (EtfException e) {
            throw new EtfException(e.getMessage() + " of the data decompressed", base + start, Tags.COMPRESSED);
        }
        if (inner.in.hasRemaining()) {
            throw error(inner.in.remaining() + " bytes left over after the decompressed term", start,
                    Tags.COMPRESSED);
        }
        return term;
    }

    Object term(int depth) {
        if (depth > codec.maxDepth()) {
            throw error("term nests deeper than maxDepth " + codec.maxDepth(), in.position(), -1);
        }
        int start = in.position();
        need(1, -1);
        int tag = in.get() & 0xFF;
        return switch (tag) {
            case Tags.SMALL_INTEGER_EXT -> {
                need(1, tag);
                yield (long) (in.get() & 0xFF);
            }
            case Tags.INTEGER_EXT -> {
                need(4, tag);
                yield (long) in.getInt();
            }
            case Tags.SMALL_BIG_EXT -> {
                need(1, tag);
                yield big(in.get() & 0xFF, start, tag);
            }
            case Tags.LARGE_BIG_EXT -> {
                need(4, tag);
                yield big(in.getInt() & 0xFFFF_FFFFL, start, tag);
            }
            case Tags.NEW_FLOAT_EXT -> {
                need(8, tag);
                yield finite(Double.longBitsToDouble(in.getLong()), start, tag);
            }
            case Tags.FLOAT_EXT -> oldFloat(start, tag);
            case Tags.ATOM_UTF8_EXT, Tags.SMALL_ATOM_UTF8_EXT, Tags.ATOM_EXT, Tags.SMALL_ATOM_EXT ->
                    atomBody(tag, start);
            case Tags.SMALL_TUPLE_EXT -> {
                need(1, tag);
                yield tuple(in.get() & 0xFF, depth, start, tag);
            }
            case Tags.LARGE_TUPLE_EXT -> {
                need(4, tag);
                yield tuple(in.getInt() & 0xFFFF_FFFFL, depth, start, tag);
            }
            case Tags.NIL_EXT -> List.of();
            case Tags.STRING_EXT -> {
                need(2, tag);
                yield ByteList.wrap(bytes(in.getShort() & 0xFFFF, tag));
            }
            case Tags.LIST_EXT -> list(depth, start);
            case Tags.BINARY_EXT -> {
                need(4, tag);
                yield Binary.wrap(bytes(in.getInt() & 0xFFFF_FFFFL, tag));
            }
            case Tags.BIT_BINARY_EXT -> bitBinary(start, tag);
            case Tags.MAP_EXT -> map(depth, start);
            case Tags.NEW_PID_EXT, Tags.PID_EXT -> pidBody(tag);
            case Tags.NEW_PORT_EXT, Tags.V4_PORT_EXT, Tags.PORT_EXT -> portBody(tag);
            case Tags.NEWER_REFERENCE_EXT, Tags.NEW_REFERENCE_EXT, Tags.REFERENCE_EXT -> refBody(tag, start);
            case Tags.EXPORT_EXT -> exportFun(start);
            case Tags.NEW_FUN_EXT -> localFun(depth, start);
            case Tags.FUN_EXT -> throw error("old-style fun (FUN_EXT) is not supported; erl has rejected it since OTP 23",
                    start, tag);
            case Tags.LOCAL_EXT -> throw error("LOCAL_EXT is erl's node-local encoding (term_to_binary with [local])"
                    + " and can only be decoded by the node that made it", start, tag);
            case Tags.ATOM_CACHE_REF -> cachedAtom(start, tag);
            case Tags.COMPRESSED -> throw error("a compressed term may only follow the version byte", start, tag);
            case Tags.VERSION -> throw error("unexpected version byte inside a term", start, tag);
            default -> throw error("unknown tag " + tag, start, tag);
        };
    }

    // --- numbers ---------------------------------------------------------------------------

    private Object big(long n, int start, int tag) {
        need(1 + n, tag);
        int sign = in.get() & 0xFF;
        if (sign > 1) {
            throw error("bad sign byte " + sign, start, tag);
        }
        byte[] be = new byte[(int) n];
        for (int i = be.length - 1; i >= 0; i--) {
            be[i] = in.get();
        }
        BigInteger value = new BigInteger(1, be);
        return Terms.normalize(sign == 1 ? value.negate() : value);
    }

    private double finite(double d, int start, int tag) {
        if (!Double.isFinite(d)) {
            throw error("not a finite float: " + d, start, tag);
        }
        return d;
    }

    private Object oldFloat(int start, int tag) {
        need(31, tag);
        byte[] text = new byte[31];
        in.get(text);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        String s = new String(text, 0, end, StandardCharsets.ISO_8859_1).trim();
        try {
            return finite(Double.parseDouble(s), start, tag);
        } catch (NumberFormatException e) {
            throw error("bad float text \"" + s + "\"", start, tag);
        }
    }

    // --- atoms -----------------------------------------------------------------------------

    /** An atom in a field that must hold one (pid node, fun module...). */
    private Atom atom() {
        int start = in.position();
        need(1, -1);
        int tag = in.get() & 0xFF;
        return switch (tag) {
            case Tags.ATOM_UTF8_EXT, Tags.SMALL_ATOM_UTF8_EXT, Tags.ATOM_EXT, Tags.SMALL_ATOM_EXT -> atomBody(tag, start);
            case Tags.ATOM_CACHE_REF -> cachedAtom(start, tag);
            default -> throw error("expected an atom, found tag " + tag + " " + Tags.name(tag), start, tag);
        };
    }

    private Atom cachedAtom(int start, int tag) {
        if (cacheRefs == null) {
            throw error("ATOM_CACHE_REF is only valid in a distribution message with an atom cache header",
                    start, tag);
        }
        need(1, tag);
        int index = in.get() & 0xFF;
        if (index >= cacheRefs.length) {
            throw error("ATOM_CACHE_REF " + index + ", but the header has " + cacheRefs.length + " references",
                    start, tag);
        }
        return cacheRefs[index];
    }

    private Atom atomBody(int tag, int start) {
        boolean small = tag == Tags.SMALL_ATOM_UTF8_EXT || tag == Tags.SMALL_ATOM_EXT;
        need(small ? 1 : 2, tag);
        int length = small ? in.get() & 0xFF : in.getShort() & 0xFFFF;
        need(length, tag);
        String name = ascii(length); // the common case: no decoder, no copy of the bytes
        if (name == null) {
            name = tag == Tags.ATOM_UTF8_EXT || tag == Tags.SMALL_ATOM_UTF8_EXT
                    ? utf8(bytes(length, tag), start, tag)
                    : new String(bytes(length, tag), StandardCharsets.ISO_8859_1);
        }
        if (name.length() > Atom.MAX_CHARS && name.codePointCount(0, name.length()) > Atom.MAX_CHARS) {
            throw error("atom longer than " + Atom.MAX_CHARS + " characters", start, tag);
        }
        return codec.atomTable().fromInput(name, base + start, tag);
    }

    // --- containers ------------------------------------------------------------------------

    private Object tuple(long arity, int depth, int start, int tag) {
        need(arity, tag);
        Object[] elements = new Object[(int) arity];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = term(depth + 1);
        }
        Tuple tuple = new Tuple(List.of(elements)); // already immutable: the Tuple keeps it without a copy
        if (!codec.records().isEmpty()) {
            Object record = codec.records().fromTuple(tuple.elements(), base + start, tag);
            if (record != null) {
                return record;
            }
        }
        return tuple;
    }

    /** LIST_EXT; tails that are lists themselves are spliced in a loop, not by recursion. */
    private Object list(int depth, int start) {
        List<Object> elements = new ArrayList<>();
        while (true) {
            need(4, Tags.LIST_EXT);
            long n = in.getInt() & 0xFFFF_FFFFL;
            need(n + 1, Tags.LIST_EXT);
            for (long i = 0; i < n; i++) {
                elements.add(term(depth + 1));
            }
            need(1, Tags.LIST_EXT);
            int tailTag = in.get(in.position()) & 0xFF;
            if (tailTag == Tags.NIL_EXT) {
                in.get();
                return Collections.unmodifiableList(elements);
            }
            if (tailTag == Tags.LIST_EXT) {
                in.get();
                continue;
            }
            Object tail = term(depth + 1);
            if (tail instanceof List<?> string) {
                elements.addAll(string);
                return Collections.unmodifiableList(elements);
            }
            if (elements.isEmpty()) {
                return tail;
            }
            return new ImproperList(elements, tail);
        }
    }

    private Object map(int depth, int start) {
        need(4, Tags.MAP_EXT);
        long arity = in.getInt() & 0xFFFF_FFFFL;
        need(arity * 2, Tags.MAP_EXT);
        Map<Object, Object> map = LinkedHashMap.newLinkedHashMap((int) arity);
        for (long i = 0; i < arity; i++) {
            int keyAt = in.position();
            Object key = term(depth + 1);
            Object value = term(depth + 1);
            if (map.putIfAbsent(key, value) != null) {
                throw error("duplicate map key " + Terms.show(key), keyAt, Tags.MAP_EXT);
            }
        }
        if (!codec.records().isEmpty()) {
            Object record = codec.records().fromMap(map, base + start, Tags.MAP_EXT);
            if (record != null) {
                return record;
            }
        }
        return Collections.unmodifiableSequencedMap((LinkedHashMap<Object, Object>) map);
    }

    private Object bitBinary(int start, int tag) {
        need(5, tag);
        long length = in.getInt() & 0xFFFF_FFFFL;
        int bits = in.get() & 0xFF;
        if (length == 0) {
            if (bits != 0) {
                throw error("an empty bitstring cannot have " + bits + " bits in its last byte", start, tag);
            }
            return Binary.EMPTY;
        }
        if (bits < 1 || bits > 8) {
            throw error("bits in last byte must be 1..8, was " + bits, start, tag);
        }
        byte[] data = bytes(length, tag);
        return bits == 8 ? Binary.wrap(data) : BitString.wrap(data, bits);
    }

    // --- identifiers -----------------------------------------------------------------------

    private String utf8(byte[] raw, int start, int tag) {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw error("atom is not valid UTF-8", start, tag);
        }
    }

    /**
     * The next {@code length} bytes as a string when they are all ASCII (the same text in UTF-8
     * and Latin-1), consumed; else null with nothing consumed.
     */
    private String ascii(int length) {
        int at = in.position();
        if (in.hasArray()) {
            byte[] array = in.array();
            int from = in.arrayOffset() + at;
            for (int i = from; i < from + length; i++) {
                if (array[i] < 0) {
                    return null;
                }
            }
            in.position(at + length);
            return new String(array, from, length, StandardCharsets.ISO_8859_1);
        }
        for (int i = at; i < at + length; i++) {
            if (in.get(i) < 0) {
                return null;
            }
        }
        byte[] raw = new byte[length];
        in.get(raw);
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    private Object pidBody(int tag) {
        Atom node = atom();
        need(tag == Tags.NEW_PID_EXT ? 12 : 9, tag);
        int id = in.getInt();
        int serial = in.getInt();
        long creation = tag == Tags.NEW_PID_EXT ? in.getInt() & 0xFFFF_FFFFL : in.get() & 0xFF;
        return Pids.of(node, id, serial, creation, codec.addressFactory(),
                creation == 0 ? null : codec.nodeIds().of(node, creation));
    }

    private Object portBody(int tag) {
        Atom node = atom();
        return switch (tag) {
            case Tags.V4_PORT_EXT -> {
                need(12, tag);
                long id = in.getLong();
                yield new Port(node, id, in.getInt() & 0xFFFF_FFFFL);
            }
            case Tags.NEW_PORT_EXT -> {
                need(8, tag);
                long id = in.getInt() & 0xFFFF_FFFFL;
                yield new Port(node, id, in.getInt() & 0xFFFF_FFFFL);
            }
            default -> {
                need(5, tag);
                long id = in.getInt() & 0xFFFF_FFFFL;
                yield new Port(node, id, in.get() & 0xFF);
            }
        };
    }

    private Object refBody(int tag, int start) {
        if (tag == Tags.REFERENCE_EXT) {
            Atom node = atom();
            need(5, tag);
            int id = in.getInt();
            return new Ref(node, in.get() & 0xFF, new int[] {id});
        }
        need(2, tag);
        int length = in.getShort() & 0xFFFF;
        if (length > Ref.MAX_IDS) {
            throw error("a reference has at most " + Ref.MAX_IDS + " ids, got " + length, start, tag);
        }
        Atom node = atom();
        long creation;
        if (tag == Tags.NEWER_REFERENCE_EXT) {
            need(4, tag);
            creation = in.getInt() & 0xFFFF_FFFFL;
        } else {
            need(1, tag);
            creation = in.get() & 0xFF;
        }
        need(4L * length, tag);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = in.getInt();
        }
        return new Ref(node, creation, ids);
    }

    private Object exportFun(int start) {
        Atom module = atom();
        Atom function = atom();
        need(2, Tags.EXPORT_EXT);
        int arityTag = in.get() & 0xFF;
        if (arityTag != Tags.SMALL_INTEGER_EXT) {
            throw error("export fun arity must be SMALL_INTEGER_EXT, found tag " + arityTag, start, Tags.EXPORT_EXT);
        }
        return new ExportFun(module, function, in.get() & 0xFF);
    }

    private Object localFun(int depth, int start) {
        int tag = Tags.NEW_FUN_EXT;
        need(4, tag);
        long size = in.getInt() & 0xFFFF_FFFFL;
        if (size < 4 + 1 + 16 + 4 + 4) {
            throw error("NEW_FUN_EXT size " + size + " is too small", start, tag);
        }
        need(size - 4, tag);
        long end = start + 1 + size;
        int arity = in.get() & 0xFF;
        byte[] uniq = new byte[16];
        in.get(uniq);
        long index = in.getInt() & 0xFFFF_FFFFL;
        long numFree = in.getInt() & 0xFFFF_FFFFL;
        Atom module = atom();
        long oldIndex = integerField(depth, start, "OldIndex");
        long oldUniq = integerField(depth, start, "OldUniq");
        Object pid = term(depth + 1);
        if (!Pids.isPid(pid)) {
            throw error("NEW_FUN_EXT Pid field is not a pid: " + Terms.show(pid), start, tag);
        }
        need(numFree, tag);
        List<Object> freeVars = new ArrayList<>((int) numFree);
        for (long i = 0; i < numFree; i++) {
            freeVars.add(term(depth + 1));
        }
        if (in.position() != end) {
            throw error("NEW_FUN_EXT size says it ends at offset " + (base + end) + " but its fields end at "
                    + (base + in.position()), start, tag);
        }
        byte[] encoded = new byte[(int) (end - start)];
        in.get(start, encoded);
        return new LocalFun(encoded, arity, uniq, index, module, oldIndex, oldUniq, pid, freeVars);
    }

    private long integerField(int depth, int start, String field) {
        Object value = term(depth + 1);
        if (!(value instanceof Long l)) {
            throw error("NEW_FUN_EXT " + field + " is not an integer", start, Tags.NEW_FUN_EXT);
        }
        return l;
    }

    // --- plumbing --------------------------------------------------------------------------

    private byte[] bytes(long n, int tag) {
        need(n, tag);
        byte[] out = new byte[(int) n];
        in.get(out);
        return out;
    }

    /** Fails unless {@code n} more bytes can be read (every element of a container needs one). */
    private void need(long n, int tag) {
        if (in.remaining() < n) {
            if (cut) {
                throw error("term is larger than maxSize " + codec.maxSize() + " bytes", in.position(), tag);
            }
            throw error("truncated: need " + n + " bytes, " + in.remaining() + " left", in.position(), tag);
        }
    }

    private EtfException error(String message, long position, int tag) {
        return new EtfException(message, base + position, tag);
    }
}
