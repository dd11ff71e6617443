package io.jreign.otp.etf;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.Objects;
import java.util.zip.Deflater;

/**
 * Encodes Java values to the Erlang external term format and decodes them back, with bounds on
 * what input may cost. Immutable and thread-safe; build one with {@link #builder()}, or use the
 * defaults through {@link Etf}.
 *
 * <h2>Java mapping</h2>
 * <table>
 *   <caption>Erlang term to Java value</caption>
 *   <tr><th>Erlang</th><th>decodes to</th><th>also encoded from</th></tr>
 *   <tr><td>integer</td><td>{@code Long}; {@code BigInteger} only beyond 64 bits</td>
 *       <td>{@code Integer}, {@code Short}, {@code Byte}, any {@code BigInteger}</td></tr>
 *   <tr><td>float</td><td>{@code Double}</td><td>{@code Float}</td></tr>
 *   <tr><td>atom</td><td>{@link Atom}</td><td>{@code Boolean}, {@link io.jreign.mailbox.Reason} (as
 *       {@code normal}, {@code noconnection}, {@code noproc}, {@code killed}, {@code shutdown}), other
 *       enum constants (by name)</td></tr>
 *   <tr><td>tuple</td><td>{@link Tuple}, or a registered record</td><td>registered records</td></tr>
 *   <tr><td>proper list</td><td>unmodifiable {@code List}; {@code STRING_EXT} as {@link ByteList}</td>
 *       <td>any {@code List}</td></tr>
 *   <tr><td>improper list</td><td>{@link ImproperList}</td><td></td></tr>
 *   <tr><td>map</td><td>unmodifiable {@code SequencedMap} in wire order, or a registered record</td>
 *       <td>any {@code Map}</td></tr>
 *   <tr><td>binary</td><td>{@link Binary}</td><td>{@code byte[]}, {@code String} (UTF-8)</td></tr>
 *   <tr><td>bitstring</td><td>{@link BitString}</td><td></td></tr>
 *   <tr><td>pid</td><td>{@link io.jreign.mailbox.Address}; {@link ErlPid} for creation 0 (see {@link Pids})</td>
 *       <td></td></tr>
 *   <tr><td>reference, port</td><td>{@link Ref}, {@link Port}</td><td></td></tr>
 *   <tr><td>fun</td><td>{@link ExportFun}; local funs as opaque {@link LocalFun}</td><td></td></tr>
 * </table>
 * Decoding then encoding gives back erl's bytes (as {@code term_to_binary(T, [{minor_version, 2}])}
 * writes them): lists of bytes go out as {@code STRING_EXT} whatever their Java type, maps keep
 * the order they arrived in, local funs are written verbatim. Maps built in Java (other than
 * {@code SequencedMap}s, which keep their order) are written with keys in erl's map-key order
 * ({@link TermOrder#MAP_KEYS}) — erl's own order for maps of up to 32 keys; larger erl maps use
 * a hash order Java does not reproduce (the terms are still equal).
 *
 * <h2>Bytes</h2>
 * All integers are big-endian. Encoding uses only the modern tags below; decoding also accepts
 * the legacy ones.
 * <pre>
 *  131 | 80 | UncompressedSize:4 | zlib(term)        compressed term (top level only)
 *  131 | term                                        version byte, then the term
 *
 *  97  SMALL_INTEGER_EXT   | u8
 *  98  INTEGER_EXT         | s32
 *  110 SMALL_BIG_EXT       | n:1 | sign:1 | n digits, little-endian
 *  111 LARGE_BIG_EXT       | n:4 | sign:1 | n digits, little-endian
 *  70  NEW_FLOAT_EXT       | IEEE 754 double:8
 *  119 SMALL_ATOM_UTF8_EXT | len:1 | UTF-8
 *  118 ATOM_UTF8_EXT       | len:2 | UTF-8
 *  104 SMALL_TUPLE_EXT     | arity:1 | elements
 *  105 LARGE_TUPLE_EXT     | arity:4 | elements
 *  106 NIL_EXT
 *  107 STRING_EXT          | len:2 | bytes              a list of 1..65535 integers 0..255
 *  108 LIST_EXT            | len:4 | elements | tail    tail is NIL_EXT for a proper list
 *  109 BINARY_EXT          | len:4 | bytes
 *  77  BIT_BINARY_EXT      | len:4 | bits:1 | bytes     bits used in the last byte, 1..7
 *  116 MAP_EXT             | arity:4 | key, value, ...
 *  88  NEW_PID_EXT         | node atom | ID:4 | Serial:4 | Creation:4
 *  89  NEW_PORT_EXT        | node atom | ID:4 | Creation:4        when the ID is below 2^28
 *  120 V4_PORT_EXT         | node atom | ID:8 | Creation:4        otherwise, as erl 25
 *  90  NEWER_REFERENCE_EXT | len:2 | node atom | Creation:4 | ID:4 * len
 *  113 EXPORT_EXT          | module atom | function atom | 97 | arity:1
 *  112 NEW_FUN_EXT         | Size:4 | ... (kept opaque, see LocalFun)
 *
 *  decode only (legacy): 100 ATOM_EXT | len:2 | Latin-1;  115 SMALL_ATOM_EXT | len:1 | Latin-1;
 *  99 FLOAT_EXT | 31 bytes of "%.20e" text;  103 PID_EXT | node | ID:4 | Serial:4 | Creation:1;
 *  102 PORT_EXT | node | ID:4 | Creation:1;  101 REFERENCE_EXT | node | ID:4 | Creation:1;
 *  114 NEW_REFERENCE_EXT | len:2 | node | Creation:1 | ID:4 * len
 *  in a distribution message only: 82 ATOM_CACHE_REF | index:1 (see decodeTerm(ByteBuffer, Atom[]))
 *  rejected: 121 LOCAL_EXT, 117 FUN_EXT
 * </pre>
 *
 * <h2>Bounds</h2>
 * Decoding fails with an {@link EtfException} naming the offset and tag when input is truncated or
 * malformed, nests deeper than {@link #maxDepth()}, is (or decompresses to) more than
 * {@link #maxSize()} bytes, or would create more new atoms than its {@link AtomTable} allows. No
 * allocation is larger than the input can justify: every element of a container must be backed by
 * at least one input byte before space is reserved for it.
 */
public final class EtfCodec {
    /** The default {@link #maxDepth()}. */
    public static final int DEFAULT_MAX_DEPTH = 1_000;
    /** The default {@link #maxSize()}: 64 MiB. */
    public static final int DEFAULT_MAX_SIZE = 64 << 20;

    private final int maxDepth;
    private final int maxSize;
    private final AtomTable atomTable;
    private final AddressFactory addressFactory;
    private final Records records;
    private final int compressionLevel;
    private final TermOrder keyOrder;
    private final TermOrder standardOrder;
    private final Builder source;
    private final NodeIds nodeIds = new NodeIds();

    private EtfCodec(Builder b) {
        this.maxDepth = b.maxDepth;
        this.maxSize = b.maxSize;
        this.atomTable = b.atomTable;
        this.addressFactory = b.addressFactory;
        this.records = b.records;
        this.compressionLevel = b.compressionLevel;
        this.keyOrder = new TermOrder(true, records.isEmpty() ? null : records);
        this.standardOrder = new TermOrder(false, records.isEmpty() ? null : records);
        this.source = b.copy();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this codec's settings. */
    public Builder toBuilder() {
        return source.copy();
    }

    // --- encoding --------------------------------------------------------------------------

    /**
     * {@code term_to_binary}: the version byte and the term, compressed when this codec compresses
     * and that makes it smaller.
     *
     * @throws EtfException if the value (or a part of it) has no Erlang form
     */
    public byte[] encode(Object term) {
        ByteSink out = new ByteSink(64);
        out.u8(Tags.VERSION);
        new Encoder(out, records, maxDepth, keyOrder).term(term, 0);
        if (compressionLevel < 0) {
            return out.toByteArray();
        }
        return compress(out);
    }

    /**
     * The term without the version byte and never compressed: for framing that writes its own
     * version byte, as a distribution header does.
     *
     * @throws EtfException if the value (or a part of it) has no Erlang form
     */
    public byte[] encodeTerm(Object term) {
        ByteSink out = new ByteSink(64);
        new Encoder(out, records, maxDepth, keyOrder).term(term, 0);
        return out.toByteArray();
    }

    private byte[] compress(ByteSink plain) {
        int termLength = plain.size() - 1;
        Deflater deflater = new Deflater(compressionLevel);
        try {
            deflater.setInput(plain.array(), 1, termLength);
            deflater.finish();
            ByteSink out = new ByteSink(termLength / 2 + 16);
            out.u8(Tags.VERSION);
            out.u8(Tags.COMPRESSED);
            out.u32(termLength);
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.bytes(chunk, 0, n);
                if (out.size() - 1 >= termLength) {
                    return plain.toByteArray(); // not smaller: erl sends it uncompressed too
                }
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    // --- decoding --------------------------------------------------------------------------

    /**
     * {@code binary_to_term}: the version byte and one term, possibly compressed, filling all of
     * {@code bytes}.
     *
     * @throws EtfException if the input is not exactly one valid term within this codec's bounds
     */
    public Object decode(byte[] bytes) {
        if (bytes.length > maxSize) {
            throw new EtfException("input of " + bytes.length + " bytes exceeds maxSize " + maxSize, 0, -1);
        }
        Decoder decoder = new Decoder(ByteBuffer.wrap(bytes), this, false, 0);
        Object term = decoder.versioned();
        if (decoder.position() != bytes.length) {
            throw new EtfException((bytes.length - decoder.position()) + " bytes left over after the term",
                    decoder.position(), -1);
        }
        return term;
    }

    /**
     * Decodes {@code bytes} and converts the result to {@code type} (a registered record, a
     * boxed number, {@code String} from a binary or a character list, an enum from an atom...).
     *
     * @throws EtfException if decoding fails or the term does not convert to {@code type}
     */
    public <T> T decode(byte[] bytes, Class<T> type) {
        Object term = decode(bytes);
        Object converted = Records.convert(term, type);
        if (converted == null) {
            throw new EtfException("decoded " + Terms.show(term) + " is not a " + type.getName());
        }
        @SuppressWarnings("unchecked")
        T result = (T) (type.isPrimitive() ? converted : type.cast(converted));
        return result;
    }

    /**
     * Decodes the version byte and one term (possibly compressed) from {@code buffer}, advancing
     * its position past them; on failure the position is unchanged. Bytes after the term are left
     * for the caller, so a stream of terms decodes one call at a time.
     *
     * @throws EtfException if no valid term within this codec's bounds starts at the position
     */
    public Object decode(ByteBuffer buffer) {
        return decodeFrom(buffer, true, null);
    }

    /**
     * Like {@link #decode(ByteBuffer)} for a term without the version byte (and so never
     * compressed).
     *
     * @throws EtfException if no valid term within this codec's bounds starts at the position
     */
    public Object decodeTerm(ByteBuffer buffer) {
        return decodeFrom(buffer, false, null);
    }

    /**
     * Like {@link #decodeTerm(ByteBuffer)} for a term of a distribution message whose header
     * carried atom cache references: its {@code ATOM_CACHE_REF}s index {@code cacheRefs} (see
     * {@link AtomCache#readReferences}).
     *
     * @throws EtfException if no valid term within this codec's bounds starts at the position
     */
    public Object decodeTerm(ByteBuffer buffer, Atom[] cacheRefs) {
        return decodeFrom(buffer, false, cacheRefs);
    }

    private Object decodeFrom(ByteBuffer buffer, boolean versioned, Atom[] cacheRefs) {
        int available = buffer.remaining();
        boolean cut = available > maxSize;
        ByteBuffer view = buffer.slice(buffer.position(), cut ? maxSize : available);
        Decoder decoder = new Decoder(view, this, cut, 0, cacheRefs);
        Object term = versioned ? decoder.versioned() : decoder.term(0);
        buffer.position(buffer.position() + decoder.position());
        return term;
    }

    // --- settings --------------------------------------------------------------------------

    /** How deep terms may nest (containers within containers), when decoding and encoding. */
    public int maxDepth() {
        return maxDepth;
    }

    /** The most bytes one decoded term may take, before and after decompression. */
    public int maxSize() {
        return maxSize;
    }

    /** The atoms decoding may return and create. */
    public AtomTable atomTable() {
        return atomTable;
    }

    /** Builds the addresses of decoded pids. */
    public AddressFactory addressFactory() {
        return addressFactory;
    }

    /** The NodeIds of decoded pids, remembered (bounded). */
    NodeIds nodeIds() {
        return nodeIds;
    }

    /** The zlib level {@link #encode} compresses with, or -1 when it does not compress. */
    public int compressionLevel() {
        return compressionLevel;
    }

    /** The registered records: class name to {@code tag/SHAPE}, sorted by class name. */
    public java.util.SortedMap<String, String> registeredRecords() {
        return records.describe();
    }

    /** Erlang's {@code ==} term order, aware of this codec's registered records. */
    public Comparator<Object> termOrder() {
        return standardOrder;
    }

    /** Erlang's exact ({@code =:=}) order, the order of map keys; aware of registered records. */
    public Comparator<Object> mapKeyOrder() {
        return keyOrder;
    }

    Records records() {
        return records;
    }

    /** Settings for an {@link EtfCodec}. Not thread-safe; {@link #build()} copies them. */
    public static final class Builder {
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxSize = DEFAULT_MAX_SIZE;
        private AtomTable atomTable = AtomTable.shared();
        private AddressFactory addressFactory = io.jreign.mailbox.Address::of;
        private Records records = new Records();
        private int compressionLevel = -1;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.maxDepth = maxDepth;
            b.maxSize = maxSize;
            b.atomTable = atomTable;
            b.addressFactory = addressFactory;
            b.records = records.copy();
            b.compressionLevel = compressionLevel;
            return b;
        }

        /**
         * How deep terms may nest, 1..100000 (default {@value #DEFAULT_MAX_DEPTH}). Decoding and
         * encoding recurse once per level, so large values need a large thread stack.
         */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1 || maxDepth > 100_000) {
                throw new IllegalArgumentException("maxDepth must be 1..100000, was " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        /** The most bytes one decoded term may take, before and after decompression (default 64 MiB). */
        public Builder maxSize(int maxSize) {
            if (maxSize < 2) {
                throw new IllegalArgumentException("maxSize must be at least 2, was " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        /** The atom table decoding uses (default: {@link AtomTable#shared()}). */
        public Builder atomTable(AtomTable atomTable) {
            this.atomTable = Objects.requireNonNull(atomTable, "atomTable");
            return this;
        }

        /** Builds the addresses of decoded pids (default {@link io.jreign.mailbox.Address#of}). */
        public Builder addressFactory(AddressFactory addressFactory) {
            this.addressFactory = Objects.requireNonNull(addressFactory, "addressFactory");
            return this;
        }

        /**
         * Compress encoded terms with zlib at {@code level} (0..9; erl's {@code compressed} option
         * uses 6) when that makes them smaller.
         */
        public Builder compressed(int level) {
            if (level < 0 || level > 9) {
                throw new IllegalArgumentException("zlib level must be 0..9, was " + level);
            }
            this.compressionLevel = level;
            return this;
        }

        /** Do not compress (the default). */
        public Builder uncompressed() {
            this.compressionLevel = -1;
            return this;
        }

        /** Registers {@code type} to travel as the tuple {@code {tag, field1, ...}}. */
        public Builder record(Class<? extends Record> type, Atom tag) {
            return record(type, tag, RecordShape.TUPLE);
        }

        /**
         * Registers {@code type} to travel in {@code shape} under {@code tag}: encoding a record
         * gives the tuple or map; decoding a tuple with that tag and arity (or a map with that
         * {@code __struct__}) gives the record, its fields converted to the component types.
         *
         * @throws IllegalArgumentException if {@code type} is registered already, or the tag is
         *                                  taken for that shape (and arity)
         */
        public Builder record(Class<? extends Record> type, Atom tag, RecordShape shape) {
            records.register(Objects.requireNonNull(type, "type"), Objects.requireNonNull(tag, "tag"),
                    Objects.requireNonNull(shape, "shape"));
            atomTable.intern(tag);
            return this;
        }

        /** The codec. */
        public EtfCodec build() {
            return new EtfCodec(copy());
        }
    }
}
