package io.jreign.otp.etf;

import java.util.concurrent.ConcurrentHashMap;

/**
 * An Erlang atom: a name of at most 255 characters (Unicode code points).
 *
 * <p>Atoms are values: two atoms are equal when their names are. {@link #of(String)} returns a
 * shared instance from a bounded cache, so atoms a program uses as constants are not allocated
 * again and again; the cache stops growing at {@value #CACHE_LIMIT} names (later calls still work,
 * they just allocate). The cache holds only atoms made by local code: atoms decoded from remote
 * input live in an {@link AtomTable}, which bounds how many a peer may create. Atoms created with
 * {@code of} count as existing for every {@link AtomTable}, as atoms compiled into an Erlang module
 * do.
 *
 * <p>Java {@code Boolean} values encode as the atoms {@code true} and {@code false}; decoding
 * always gives {@code Atom}s ({@link #TRUE}, {@link #FALSE}).
 *
 * @param name the atom's text
 */
public record Atom(String name) implements Comparable<Atom> {
    /** How many atoms {@link #of(String)} keeps shared. */
    public static final int CACHE_LIMIT = 1 << 16;
    /** The most characters an Erlang atom may have. */
    public static final int MAX_CHARS = 255;

    private static final ConcurrentHashMap<String, Atom> CACHE = new ConcurrentHashMap<>();
    private static final java.util.Set<String> RESERVED = java.util.Set.of(
            "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch",
            "cond", "div", "else", "end", "fun", "if", "let", "maybe", "not", "of", "or", "orelse", "receive",
            "rem", "try", "when", "xor");

    /** {@code true}. */
    public static final Atom TRUE = of("true");
    /** {@code false}. */
    public static final Atom FALSE = of("false");
    /** {@code undefined}. */
    public static final Atom UNDEFINED = of("undefined");
    /** {@code ok}. */
    public static final Atom OK = of("ok");
    /** {@code error}. */
    public static final Atom ERROR = of("error");
    /** {@code nonode@nohost}, the name of an Erlang node that is not distributed. */
    public static final Atom NONODE = of("nonode@nohost");

    /**
     * @throws IllegalArgumentException if {@code name} is null or longer than 255 code points
     */
    public Atom {
        if (name == null) {
            throw new IllegalArgumentException("atom name is null");
        }
        if (name.length() > MAX_CHARS && name.codePointCount(0, name.length()) > MAX_CHARS) {
            throw new IllegalArgumentException(
                    "atom too long: " + name.codePointCount(0, name.length()) + " characters (max " + MAX_CHARS + ")");
        }
    }

    /**
     * The atom named {@code name}, shared while the cache has room.
     *
     * @throws IllegalArgumentException if {@code name} is null or longer than 255 code points
     */
    public static Atom of(String name) {
        if (name == null) {
            throw new IllegalArgumentException("atom name is null");
        }
        Atom cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        Atom atom = new Atom(name);
        if (CACHE.size() < CACHE_LIMIT) {
            Atom raced = CACHE.putIfAbsent(name, atom);
            return raced == null ? atom : raced;
        }
        return atom;
    }

    /** The atom for a boolean: {@link #TRUE} or {@link #FALSE}. */
    public static Atom of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** The shared atom named {@code name} if local code created it with {@link #of}, else null. */
    static Atom existing(String name) {
        return CACHE.get(name);
    }

    /** Whether this is {@code true} or {@code false}. */
    public boolean isBoolean() {
        return this.equals(TRUE) || this.equals(FALSE);
    }

    /** Compares by Erlang's atom order: code point by code point. */
    @Override
    public int compareTo(Atom other) {
        return TermOrder.compareCodePoints(name, other.name);
    }

    // equals and hashCode are written out: the generated ones go through method-handle guards that
    // the JIT did not inline on the DIST reader's path, where they were a twentieth of its time.
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof Atom that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** The Erlang source form: the bare name when it needs no quotes, else {@code 'quoted'}. */
    @Override
    public String toString() {
        if (isBareAtom(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 2).append('\'');
        name.codePoints().forEach(cp -> {
            if (cp == '\'' || cp == '\\') {
                out.append('\\');
            }
            out.appendCodePoint(cp);
        });
        return out.append('\'').toString();
    }

    private static boolean isBareAtom(String s) {
        if (s.isEmpty() || s.charAt(0) < 'a' || s.charAt(0) > 'z' || RESERVED.contains(s)) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '@')) {
                return false;
            }
        }
        return true;
    }
}
