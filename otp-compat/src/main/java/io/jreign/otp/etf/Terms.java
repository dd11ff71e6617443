package io.jreign.otp.etf;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared helpers: the canonical form of convenience Java values, and Erlang-like text. */
final class Terms {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Atom NORMAL = Atom.of("normal");
    private static final Atom NO_CONNECTION = Atom.of("noconnection");
    private static final Atom NO_PROC = Atom.of("noproc");
    private static final Atom KILLED = Atom.of("killed");
    private static final Atom SHUTDOWN = Atom.of("shutdown");

    private Terms() {
    }

    /**
     * The core-type form of a value the encoder accepts: small integer types become {@code Long},
     * {@code Float} becomes {@code Double}, {@code Boolean} and enums become atoms, {@code String}
     * and {@code byte[]} become binaries, registered records become their tuple or map. Other
     * values are returned as they are.
     */
    static Object canonical(Object term, Records records) {
        return switch (term) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger b -> normalize(b);
            case Float f -> (double) f;
            case Boolean b -> Atom.of(b);
            case String s -> Binary.wrap(s.getBytes(StandardCharsets.UTF_8));
            case byte[] b -> Binary.wrap(b);
            case Reason r -> reasonAtom(r);
            case Enum<?> e -> Atom.of(e.name());
            case Record r when records != null && !isCoreRecord(r) && records.mappingOf(r.getClass()) != null ->
                    records.toTerm(r);
            default -> term;
        };
    }

    /** The Erlang exit reason for a jreign close reason. */
    static Atom reasonAtom(Reason reason) {
        return switch (reason) {
            case NORMAL -> NORMAL;
            case NO_CONNECTION -> NO_CONNECTION;
            case NO_PROC -> NO_PROC;
            case KILLED -> KILLED;
            case SHUTDOWN -> SHUTDOWN;
        };
    }

    /** A big integer as a {@code Long} when it fits, so equal numbers are equal objects. */
    static Object normalize(BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return value.longValue();
        }
        return value;
    }

    static boolean isCoreRecord(Record r) {
        return r instanceof Atom || r instanceof Tuple || r instanceof ImproperList || r instanceof ErlPid
                || r instanceof Ref || r instanceof Port || r instanceof ExportFun;
    }

    /** The value of an integer-typed term as a long in 0..255, or -1. */
    static int smallByte(Object element) {
        long v;
        switch (element) {
            case Long l -> v = l;
            case Integer i -> v = i;
            case Short s -> v = s;
            case Byte b -> v = b;
            case BigInteger b -> {
                if (b.signum() < 0 || b.bitLength() > 8) {
                    return -1;
                }
                v = b.intValue();
            }
            default -> {
                return -1;
            }
        }
        return v >= 0 && v <= 255 ? (int) v : -1;
    }

    static List<Object> concat(List<?> first, List<?> second) {
        List<Object> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return Collections.unmodifiableList(all);
    }

    /** Erlang-like text for any term. */
    static String show(Object term) {
        return switch (term) {
            case null -> "null";
            case String s -> '"' + s + '"';
            case byte[] b -> showBytes(b, b.length, 8);
            case Address a -> "<" + a.node().name() + "." + Pids.idOf(a) + "." + Pids.serialOf(a)
                    + "#" + a.node().incarnation() + ">";
            case ByteList b -> b.toString();
            case List<?> l -> l.stream().map(Terms::show).collect(Collectors.joining(",", "[", "]"));
            case Map<?, ?> m -> m.entrySet().stream().map(e -> show(e.getKey()) + " => " + show(e.getValue()))
                    .collect(Collectors.joining(",", "#{", "}"));
            default -> String.valueOf(term);
        };
    }

    static String showBytes(byte[] bytes, int length, int bitsInLast) {
        StringBuilder out = new StringBuilder("<<");
        int shown = Math.min(length, 64);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (i == length - 1 && bitsInLast != 8) {
                out.append((bytes[i] & 0xFF) >>> (8 - bitsInLast)).append(':').append(bitsInLast);
            } else {
                out.append(bytes[i] & 0xFF);
            }
        }
        if (shown < length) {
            out.append(",...(").append(length).append(" bytes)");
        }
        return out.append(">>").toString();
    }

    static String showBitString(byte[] bytes, int bitsInLast) {
        return showBytes(bytes, bytes.length, bitsInLast);
    }
}
