package io.jreign.otp.dist;

import io.jreign.otp.etf.EtfCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the packets of a connected channel. Every packet travels with a 4-byte big-endian length
 * (written by the connection); an empty packet is a tick. jreign writes two header forms:
 *
 * <pre>
 *  pass-through     112 | 131 Control | [131 Payload]       peers with neither FRAGMENTS nor the atom cache
 *  header           131 | 68 | 0 | Control | [Payload]        the others, one packet
 *  fragmented       131 | 69 | SeqId:8 | FragId:8 | 0 | first bytes of (Control Payload)
 *                   131 | 70 | SeqId:8 | FragId:8 | next bytes ...       FragId counts down to 1
 * </pre>
 * After a 68/69 header the terms have no version byte, and the {@code 0} is
 * NumberOfAtomCacheRefs: jreign reads the peer's atom cache references (see
 * {@link io.jreign.otp.etf.AtomCache}) but sends none, so no flags byte follows. erts reads every
 * message of a connection that agreed on {@link DistFlags#FRAGMENTS} or
 * {@link DistFlags#DIST_HDR_ATOM_CACHE} with a header (pass-through is only for connections with
 * neither), so the form follows the peer's flags. jreign fragments a message only when the terms
 * exceed the fragment size.
 */
public final class DistPacket {
    /** Pass-through header byte. */
    public static final int PASS_THROUGH = 112;
    /** The version byte of the external term format. */
    public static final int VERSION = 131;
    /** Normal distribution header (atom cache). */
    public static final int DIST_HEADER = 68;
    /** First fragment of a fragmented message. */
    public static final int DIST_FRAG_HEADER = 69;
    /** Later fragments. */
    public static final int DIST_FRAG_CONT = 70;
    /** The fragment size for a peer with the atom cache but not fragments: a header, never fragments. */
    public static final int UNFRAGMENTED = Integer.MAX_VALUE;

    private DistPacket() {
    }

    /**
     * The packets for {@code message} (and its {@code payload}, or null): one pass-through
     * packet when {@code fragmentSize} is 0 (no header agreed); else one header packet, or
     * fragments of at most {@code fragmentSize} data bytes when the terms are larger (never for
     * {@link #UNFRAGMENTED}).
     */
    public static List<byte[]> encode(EtfCodec codec, ControlMessage message, Object payload, long sequenceId,
                                      int fragmentSize) {
        byte[] control = codec.encodeTerm(message.toTuple());
        byte[] body = message.hasPayload() ? codec.encodeTerm(payload) : new byte[0];
        int total = control.length + body.length;
        if (fragmentSize > 0 && total <= fragmentSize) {
            byte[] packet = new byte[3 + total];
            packet[0] = (byte) VERSION;
            packet[1] = (byte) DIST_HEADER;
            System.arraycopy(control, 0, packet, 3, control.length);
            System.arraycopy(body, 0, packet, 3 + control.length, body.length);
            return List.of(packet);
        }
        if (fragmentSize <= 0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(total + 3);
            out.write(PASS_THROUGH);
            out.write(VERSION);
            out.writeBytes(control);
            if (message.hasPayload()) {
                out.write(VERSION);
                out.writeBytes(body);
            }
            return List.of(out.toByteArray());
        }
        byte[] data = new byte[total];
        System.arraycopy(control, 0, data, 0, control.length);
        System.arraycopy(body, 0, data, control.length, body.length);
        int count = (total + fragmentSize - 1) / fragmentSize;
        List<byte[]> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * fragmentSize;
            int length = Math.min(fragmentSize, total - from);
            boolean first = i == 0;
            int header = first ? 19 : 18;
            byte[] packet = new byte[header + length];
            packet[0] = (byte) VERSION;
            packet[1] = (byte) (first ? DIST_FRAG_HEADER : DIST_FRAG_CONT);
            putLong(packet, 2, sequenceId);
            putLong(packet, 10, count - i);
            // packet[18] = 0 for the first: NumberOfAtomCacheRefs
            System.arraycopy(data, from, packet, header, length);
            packets.add(packet);
        }
        return packets;
    }

    private static void putLong(byte[] bytes, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[at + i] = (byte) value;
            value >>>= 8;
        }
    }
}
