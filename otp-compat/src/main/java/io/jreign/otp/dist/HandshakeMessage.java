package io.jreign.otp.dist;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The messages of the distribution handshake (version 6, OTP 23 and later, and the version-5
 * {@code send_name} older initiators send). Each travels in a packet with a 2-byte big-endian
 * length; {@link #encode()} gives the packet body, {@link #decode} reads one.
 *
 * <pre>
 *  A (initiator)                         B (acceptor)
 *   send_name       'N' Flags:8 Creation:4 NLen:2 Name     (or v5: 'n' Version:2 Flags:4 Name)
 *                                        'sok' | 'sok_simultaneous' | 'snok' | 'snot_allowed' | 'salive'   status
 *                                        'N' Flags:8 Challenge:4 Creation:4 NLen:2 Name                challenge
 *   send_complement 'c' FlagsHigh:4 Creation:4              (only after a v5 send_name answered with 'N')
 *   challenge_reply 'r' Challenge:4 Digest:16               Digest = MD5(cookie ++ B's challenge)
 *                                        'a' Digest:16       Digest = MD5(cookie ++ A's challenge)   challenge_ack
 * </pre>
 */
public sealed interface HandshakeMessage {
    /** The most bytes a handshake packet may have (a name is at most 255 bytes). */
    int MAX_PACKET = 1024;

    /** The packet body. */
    byte[] encode();

    /** {@code send_name}, version 6 ({@code 'N'}), or version 5 ({@code 'n'}) when {@code creation} is -1. */
    record SendName(long flags, long creation, String name) implements HandshakeMessage {
        public byte[] encode() {
            return write(out -> {
                byte[] n = name.getBytes(StandardCharsets.UTF_8);
                if (creation < 0) {
                    out.writeByte('n');
                    out.writeShort(5);
                    out.writeInt((int) flags);
                    out.write(n);
                } else {
                    out.writeByte('N');
                    out.writeLong(flags);
                    out.writeInt((int) creation);
                    out.writeShort(n.length);
                    out.write(n);
                }
            });
        }

        /** Whether this is the old version-5 form. */
        public boolean isVersion5() {
            return creation < 0;
        }
    }

    /** {@code send_status}: {@code ok}, {@code ok_simultaneous}, {@code nok}, {@code not_allowed}, {@code alive}. */
    record Status(String status) implements HandshakeMessage {
        public byte[] encode() {
            return write(out -> {
                out.writeByte('s');
                out.write(status.getBytes(StandardCharsets.US_ASCII));
            });
        }
    }

    /** {@code send_challenge} in the version-6 form. */
    record Challenge(long flags, int challenge, long creation, String name) implements HandshakeMessage {
        public byte[] encode() {
            return write(out -> {
                byte[] n = name.getBytes(StandardCharsets.UTF_8);
                out.writeByte('N');
                out.writeLong(flags);
                out.writeInt(challenge);
                out.writeInt((int) creation);
                out.writeShort(n.length);
                out.write(n);
            });
        }
    }

    /** {@code send_complement}: the high flag word and the creation a version-5 send_name lacked. */
    record Complement(int flagsHigh, long creation) implements HandshakeMessage {
        public byte[] encode() {
            return write(out -> {
                out.writeByte('c');
                out.writeInt(flagsHigh);
                out.writeInt((int) creation);
            });
        }
    }

    /** {@code send_challenge_reply}. */
    record ChallengeReply(int challenge, byte[] digest) implements HandshakeMessage {
        public byte[] encode() {
            return write(out -> {
                out.writeByte('r');
                out.writeInt(challenge);
                out.write(digest);
            });
        }
    }

    /** {@code send_challenge_ack}. */
    record ChallengeAck(byte[] digest) implements HandshakeMessage {
        public byte[] encode() {
            return write(out -> {
                out.writeByte('a');
                out.write(digest);
            });
        }
    }

    /**
     * Reads one message from a packet body. {@code 'n'} is read as a {@link SendName} when
     * {@code expectChallenge} is false; as a challenge it is the pre-OTP-23 form, which is refused.
     *
     * @throws DistProtocolException if the body is not a well-formed handshake message
     */
    static HandshakeMessage decode(byte[] body, boolean expectChallenge) throws DistProtocolException {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            int tag = in.get() & 0xFF;
            HandshakeMessage message = switch (tag) {
                case 'N' -> expectChallenge
                        ? new Challenge(in.getLong(), in.getInt(), in.getInt() & 0xFFFF_FFFFL, name(in, in.getShort() & 0xFFFF))
                        : new SendName(in.getLong(), in.getInt() & 0xFFFF_FFFFL, name(in, in.getShort() & 0xFFFF));
                case 'n' -> {
                    if (expectChallenge) {
                        throw new DistProtocolException("peer sent a version-5 challenge: it predates OTP 23");
                    }
                    int version = in.getShort() & 0xFFFF;
                    if (version != 5 && version != 6) {
                        throw new DistProtocolException("unsupported distribution version " + version);
                    }
                    long flags = in.getInt() & 0xFFFF_FFFFL;
                    yield new SendName(flags, -1, name(in, in.remaining()));
                }
                case 's' -> new Status(new String(body, 1, body.length - 1, StandardCharsets.US_ASCII));
                case 'c' -> new Complement(in.getInt(), in.getInt() & 0xFFFF_FFFFL);
                case 'r' -> new ChallengeReply(in.getInt(), bytes(in, 16));
                case 'a' -> new ChallengeAck(bytes(in, 16));
                default -> throw new DistProtocolException("unknown handshake message tag " + tag);
            };
            // Version 6 allows extra bytes after the name; nothing else may carry any.
            if (in.hasRemaining() && !(message instanceof SendName) && !(message instanceof Challenge)
                    && !(message instanceof Status)) {
                throw new DistProtocolException(in.remaining() + " stray bytes after handshake message '" + (char) tag + "'");
            }
            return message;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new DistProtocolException("truncated or malformed handshake message", e);
        }
    }

    private static String name(ByteBuffer in, int length) throws DistProtocolException {
        byte[] bytes = bytes(in, length);
        if (length == 0) {
            throw new DistProtocolException("empty node name in handshake");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes a message body. */
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }
}
