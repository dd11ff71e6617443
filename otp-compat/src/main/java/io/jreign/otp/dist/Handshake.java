package io.jreign.otp.dist;

import io.jreign.mailbox.spi.Entropy;
import io.jreign.otp.dist.HandshakeMessage.Challenge;
import io.jreign.otp.dist.HandshakeMessage.ChallengeAck;
import io.jreign.otp.dist.HandshakeMessage.ChallengeReply;
import io.jreign.otp.dist.HandshakeMessage.Complement;
import io.jreign.otp.dist.HandshakeMessage.SendName;
import io.jreign.otp.dist.HandshakeMessage.Status;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * Runs the distribution handshake on a connected socket's streams, as initiator or acceptor (see
 * {@link HandshakeMessage} for the exchange), with 2-byte length-prefixed packets. Blocking: call
 * it on a virtual thread and bound it with a timer that closes the socket.
 */
public final class Handshake {
    private Handshake() {
    }

    /**
     * Who we are in a handshake.
     *
     * @param name     our node name, {@code name@host}
     * @param creation our creation (from EPMD)
     * @param flags    the flags we offer
     * @param cookie   the shared secret
     */
    public record Identity(String name, long creation, long flags, String cookie) {
        @Override
        public String toString() {
            return "Identity[" + name + ", creation " + creation + "]"; // never the cookie
        }
    }

    /**
     * What the handshake established.
     *
     * @param peerName     the peer's node name
     * @param peerCreation the peer's creation
     * @param peerFlags    the peer's flags
     */
    public record Result(String peerName, long peerCreation, long peerFlags) {}

    /**
     * As {@link #initiate(DataInputStream, OutputStream, Identity, String, Entropy, BooleanSupplier)}
     * for an initiator that holds no connection to the peer.
     */
    public static Result initiate(DataInputStream in, OutputStream out, Identity self, String expectedPeer,
                                  Entropy entropy) throws IOException {
        return initiate(in, out, self, expectedPeer, entropy, () -> false);
    }

    /**
     * Connects to {@code expectedPeer} as initiator. When the peer answers {@code alive} (it holds
     * a connection to us), {@code connected} says whether we hold one to it too. If so, the peer
     * connected to us while we dialled (a simultaneous connect its side won): we answer
     * {@code false} and keep that connection, so nothing sees the node go down. Otherwise we
     * answer {@code true} and the peer replaces a connection we no longer have.
     *
     * @return what was agreed, or null when the peer answered {@code nok} (it is connecting to us
     *         at the same time and its connection wins), or {@code alive} while {@code connected}
     * @throws DistProtocolException if the peer refuses, answers badly, is another node, lacks
     *                               mandatory flags, or does not prove the cookie
     * @throws IOException           if the connection fails
     */
    public static Result initiate(DataInputStream in, OutputStream out, Identity self, String expectedPeer,
                                  Entropy entropy, BooleanSupplier connected) throws IOException {
        write(out, new SendName(self.flags(), self.creation(), self.name()));
        Status status = expect(in, Status.class, false);
        switch (status.status()) {
            case "ok", "ok_simultaneous" -> { }
            case "alive" -> {
                if (connected.getAsBoolean()) {
                    write(out, new Status("false"));
                    return null;
                }
                write(out, new Status("true"));
            }
            case "nok" -> {
                return null;
            }
            default -> throw new DistProtocolException(expectedPeer + " refused the connection: " + status.status());
        }
        Challenge challenge = expect(in, Challenge.class, true);
        if (!challenge.name().equals(expectedPeer)) {
            throw new DistProtocolException("connected to " + challenge.name() + " instead of " + expectedPeer);
        }
        checkFlags(challenge.flags(), challenge.name());
        int ours = (int) entropy.nextLong();
        write(out, new ChallengeReply(ours, CookieDigest.of(self.cookie(), challenge.challenge())));
        ChallengeAck ack = expect(in, ChallengeAck.class, false);
        if (!CookieDigest.matches(ack.digest(), self.cookie(), ours)) {
            throw new DistProtocolException(expectedPeer + " does not know the cookie (bad challenge_ack digest)");
        }
        return new Result(challenge.name(), challenge.creation(), challenge.flags());
    }

    /**
     * Accepts a connection. {@code admit} sees the peer's name and creation (-1 from a version-5
     * send_name) and answers the status to send:
     * {@code "ok"}, {@code "ok_simultaneous"} or a refusal ({@code "nok"}, {@code "not_allowed"}).
     *
     * @throws DistProtocolException if the peer breaks the protocol, lacks mandatory flags, is
     *                               refused, or does not prove the cookie
     * @throws IOException           if the connection fails
     */
    public static Result accept(DataInputStream in, OutputStream out, Identity self,
                                BiFunction<String, Long, String> admit, Entropy entropy) throws IOException {
        SendName name = expect(in, SendName.class, false);
        checkName(name.name());
        long peerFlags = name.flags();
        if (name.isVersion5() && (peerFlags & DistFlags.HANDSHAKE_23) == 0) {
            write(out, new Status("not_allowed"));
            throw new DistProtocolException(name.name() + " speaks only distribution version 5 (pre OTP 23)");
        }
        checkFlags(peerFlags | (name.isVersion5() ? DistFlags.HANDSHAKE_23 : 0), name.name());
        String status = admit.apply(name.name(), name.creation());
        write(out, new Status(status));
        if (!status.startsWith("ok")) {
            throw new DistProtocolException("refused " + name.name() + ": " + status);
        }
        int ours = (int) entropy.nextLong();
        write(out, new Challenge(self.flags(), ours, self.creation(), self.name()));
        long peerCreation = name.creation();
        HandshakeMessage next = read(in, false);
        if (name.isVersion5()) {
            if (!(next instanceof Complement complement)) {
                throw new DistProtocolException("expected send_complement from " + name.name() + ", got " + next);
            }
            peerFlags |= (complement.flagsHigh() & 0xFFFF_FFFFL) << 32;
            peerCreation = complement.creation();
            next = read(in, false);
        }
        if (!(next instanceof ChallengeReply reply)) {
            throw new DistProtocolException("expected challenge_reply from " + name.name() + ", got " + next);
        }
        if (!CookieDigest.matches(reply.digest(), self.cookie(), ours)) {
            throw new DistProtocolException(name.name() + " does not know the cookie (bad challenge_reply digest)");
        }
        write(out, new ChallengeAck(CookieDigest.of(self.cookie(), reply.challenge())));
        return new Result(name.name(), peerCreation, peerFlags);
    }

    private static void checkFlags(long flags, String peer) throws DistProtocolException {
        long missing = DistFlags.missingMandatory(flags);
        if (missing != 0) {
            throw new DistProtocolException(peer + " lacks mandatory distribution flags " + DistFlags.describe(missing));
        }
    }

    private static void checkName(String name) throws DistProtocolException {
        int at = name.indexOf('@');
        if (at <= 0 || at == name.length() - 1 || !name.matches("[A-Za-z0-9_.@-]{3,255}")) {
            throw new DistProtocolException("bad node name in send_name: " + name);
        }
    }

    private static <T extends HandshakeMessage> T expect(DataInputStream in, Class<T> type, boolean challenge)
            throws IOException {
        HandshakeMessage message = read(in, challenge);
        if (!type.isInstance(message)) {
            throw new DistProtocolException("expected " + type.getSimpleName() + ", got " + message);
        }
        return type.cast(message);
    }

    /** Reads one 2-byte-length packet and decodes it. */
    static HandshakeMessage read(DataInputStream in, boolean challenge) throws IOException {
        int length;
        try {
            length = in.readUnsignedShort();
        } catch (EOFException e) {
            throw new DistProtocolException("connection closed during the handshake", e);
        }
        if (length == 0 || length > HandshakeMessage.MAX_PACKET) {
            throw new DistProtocolException("handshake packet of " + length + " bytes (allowed 1.."
                    + HandshakeMessage.MAX_PACKET + ")");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return HandshakeMessage.decode(body, challenge);
    }

    /** Writes one message as a 2-byte-length packet and flushes. */
    static void write(OutputStream out, HandshakeMessage message) throws IOException {
        byte[] body = message.encode();
        byte[] packet = new byte[body.length + 2];
        packet[0] = (byte) (body.length >>> 8);
        packet[1] = (byte) body.length;
        System.arraycopy(body, 0, packet, 2, body.length);
        out.write(packet);
        out.flush();
    }
}
