package io.jreign.otp.dist;

import java.util.ArrayList;
import java.util.List;

/**
 * The capability flags two Erlang nodes exchange in the handshake (Erlang's {@code DFLAG_*}, as in
 * OTP's {@code kernel/include/dist.hrl}). A 64-bit word: the low 32 bits are the flags of the old
 * {@code 'n'} handshake, the high 32 bits came with {@code DFLAG_HANDSHAKE_23}.
 *
 * <p>jreign advertises {@link #advertised(boolean)}: the set OTP 25 requires ({@link #MANDATORY_25}
 * and its shorthand {@link #MANDATORY_25_DIGEST}) plus monitors, send-sender, exit payloads,
 * aliases, fragments, unlink ids and 64-bit pids and ports ({@link #V4_NC}), and
 * {@link #DIST_HDR_ATOM_CACHE}: a peer may send atoms as references to a per-connection cache
 * (cheaper to encode, send and decode than their text), which jreign reads; it sends none itself.
 * A peer must have {@link #MANDATORY_25} (or the digest bit, which OTP 25+ uses as a shorthand for it).
 */
public final class DistFlags {
    public static final long PUBLISHED = 0x1;
    public static final long ATOM_CACHE = 0x2;
    public static final long EXTENDED_REFERENCES = 0x4;
    public static final long DIST_MONITOR = 0x8;
    public static final long FUN_TAGS = 0x10;
    public static final long DIST_MONITOR_NAME = 0x20;
    public static final long HIDDEN_ATOM_CACHE = 0x40;
    public static final long NEW_FUN_TAGS = 0x80;
    public static final long EXTENDED_PIDS_PORTS = 0x100;
    public static final long EXPORT_PTR_TAG = 0x200;
    public static final long BIT_BINARIES = 0x400;
    public static final long NEW_FLOATS = 0x800;
    public static final long UNICODE_IO = 0x1000;
    public static final long DIST_HDR_ATOM_CACHE = 0x2000;
    public static final long SMALL_ATOM_TAGS = 0x4000;
    public static final long UTF8_ATOMS = 0x10000;
    public static final long MAP_TAG = 0x20000;
    public static final long BIG_CREATION = 0x40000;
    public static final long SEND_SENDER = 0x80000;
    public static final long BIG_SEQTRACE_LABELS = 0x100000;
    public static final long EXIT_PAYLOAD = 0x400000;
    public static final long FRAGMENTS = 0x800000;
    public static final long HANDSHAKE_23 = 0x1000000;
    public static final long UNLINK_ID = 0x2000000;
    public static final long MANDATORY_25_DIGEST = 0x4000000;
    public static final long SPAWN = 1L << 32;
    public static final long NAME_ME = 1L << 33;
    public static final long V4_NC = 1L << 34;
    public static final long ALIAS = 1L << 35;

    /** What OTP 25 requires of a peer; {@link #MANDATORY_25_DIGEST} stands for all of it. */
    public static final long MANDATORY_25 = EXTENDED_REFERENCES | FUN_TAGS | EXTENDED_PIDS_PORTS | NEW_FUN_TAGS
            | EXPORT_PTR_TAG | BIT_BINARIES | NEW_FLOATS | UTF8_ATOMS | MAP_TAG | BIG_CREATION | HANDSHAKE_23;

    private static final String[] NAMES = {"PUBLISHED", "ATOM_CACHE", "EXTENDED_REFERENCES", "DIST_MONITOR",
        "FUN_TAGS", "DIST_MONITOR_NAME", "HIDDEN_ATOM_CACHE", "NEW_FUN_TAGS", "EXTENDED_PIDS_PORTS",
        "EXPORT_PTR_TAG", "BIT_BINARIES", "NEW_FLOATS", "UNICODE_IO", "DIST_HDR_ATOM_CACHE", "SMALL_ATOM_TAGS",
        "bit15", "UTF8_ATOMS", "MAP_TAG", "BIG_CREATION", "SEND_SENDER", "BIG_SEQTRACE_LABELS", "bit21",
        "EXIT_PAYLOAD", "FRAGMENTS", "HANDSHAKE_23", "UNLINK_ID", "MANDATORY_25_DIGEST"};

    private DistFlags() {
    }

    /** The flags jreign offers; {@link #PUBLISHED} unless {@code hidden}. */
    public static long advertised(boolean hidden) {
        return MANDATORY_25 | MANDATORY_25_DIGEST | DIST_MONITOR | DIST_MONITOR_NAME | SEND_SENDER | EXIT_PAYLOAD
                | FRAGMENTS | UNLINK_ID | V4_NC | ALIAS | UNICODE_IO | SMALL_ATOM_TAGS | BIG_SEQTRACE_LABELS
                | DIST_HDR_ATOM_CACHE
                | (hidden ? 0 : PUBLISHED);
    }

    /** The mandatory flags {@code peer} lacks (0 if none): the digest bit counts as all of them. */
    public static long missingMandatory(long peer) {
        if ((peer & MANDATORY_25_DIGEST) != 0) {
            return 0;
        }
        return MANDATORY_25 & ~peer;
    }

    /** Whether {@code flags} contain all of {@code wanted}. */
    public static boolean has(long flags, long wanted) {
        return (flags & wanted) == wanted;
    }

    /** The names of the flags set, for log lines, e.g. {@code [PUBLISHED, UTF8_ATOMS]}. */
    public static String describe(long flags) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((flags & (1L << bit)) != 0) {
                names.add(bit < NAMES.length ? NAMES[bit] : switch (bit) {
                    case 32 -> "SPAWN";
                    case 33 -> "NAME_ME";
                    case 34 -> "V4_NC";
                    case 35 -> "ALIAS";
                    default -> "bit" + bit;
                });
            }
        }
        return names.toString();
    }
}
