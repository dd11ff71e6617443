package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.Entropy;
import io.jreign.otp.dist.HandshakeMessage.SendName;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final long FLAGS = DistFlags.advertised(false);
    private static final Handshake.Identity A = new Handshake.Identity("a@localhost", 11, FLAGS, "secret");
    private static final Handshake.Identity B = new Handshake.Identity("b@localhost", 22, FLAGS, "secret");

    @Test
    void digestIsMd5OfCookieAndUnsignedDecimalChallenge() {
        // erlang:md5("secret" ++ integer_to_list(4294967295)) computed by erl
        assertEquals("5dfd181e69aa587cc812eb333e6536b6", HexFormat.of().formatHex(CookieDigest.of("secret", -1)));
        assertTrue(CookieDigest.matches(CookieDigest.of("c", 42), "c", 42));
        assertTrue(!CookieDigest.matches(CookieDigest.of("c", 42), "d", 42));
    }

    @Test
    void advertisedFlagsCoverWhatOtp25RequiresAndTheAtomCache() {
        assertEquals(0, DistFlags.missingMandatory(FLAGS));
        for (long flag : new long[] {DistFlags.DIST_HDR_ATOM_CACHE, DistFlags.DIST_MONITOR, DistFlags.DIST_MONITOR_NAME, DistFlags.SEND_SENDER,
            DistFlags.EXIT_PAYLOAD, DistFlags.ALIAS, DistFlags.FRAGMENTS, DistFlags.UNLINK_ID, DistFlags.V4_NC,
            DistFlags.MANDATORY_25_DIGEST, DistFlags.PUBLISHED}) {
            assertTrue(DistFlags.has(FLAGS, flag), DistFlags.describe(flag));
        }
        assertEquals(0, DistFlags.advertised(true) & DistFlags.PUBLISHED);
        assertEquals(0, DistFlags.missingMandatory(DistFlags.MANDATORY_25_DIGEST), "the digest bit stands for all");
        assertEquals(DistFlags.MAP_TAG, DistFlags.missingMandatory(DistFlags.MANDATORY_25 & ~DistFlags.MAP_TAG));
    }

    @Test
    void sendNameEncodesVersion6Layout() throws IOException {
        byte[] bytes = new SendName(0x0102030405060708L, 0x0A0B0C0DL, "n@h").encode();
        assertEquals("4e" + "0102030405060708" + "0a0b0c0d" + "0003" + "6e4068", HexFormat.of().formatHex(bytes));
        assertEquals(new SendName(0x0102030405060708L, 0x0A0B0C0DL, "n@h"), HandshakeMessage.decode(bytes, false));
        byte[] v5 = new SendName(0x01020304L, -1, "n@h").encode();
        assertEquals("6e" + "0005" + "01020304" + "6e4068", HexFormat.of().formatHex(v5));
    }

    @Test
    void initiatorAndAcceptorAgree() throws Exception {
        Handshake.Result[] results = run(A, B, "b@localhost");
        assertEquals(new Handshake.Result("b@localhost", 22, FLAGS), results[0]);
        assertEquals(new Handshake.Result("a@localhost", 11, FLAGS), results[1]);
    }

    @Test
    void wrongCookieFailsOnBothSides() {
        Handshake.Identity intruder = new Handshake.Identity("a@localhost", 11, FLAGS, "guess");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> run(intruder, B, "b@localhost"));
        assertTrue(failure.getCause() instanceof IOException, failure.toString());
    }

    @Test
    void peerWithoutMandatoryFlagsIsRefused() throws Exception {
        Handshake.Identity old = new Handshake.Identity("a@localhost", 11, DistFlags.PUBLISHED, "secret");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Handshake.Result> accepted = acceptAsync(server, B, "ok");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertThrows(DistProtocolException.class, () -> Handshake.initiate(
                        new DataInputStream(socket.getInputStream()), socket.getOutputStream(), old, "b@localhost",
                        Entropy.seeded(1)));
            }
            ExecutionException failure = assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("lacks mandatory"), failure.getCause().getMessage());
        }
    }

    @Test
    void connectingToAnotherNodeThanExpectedFails() {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> run(A, B, "c@localhost"));
        assertTrue(failure.getCause().getMessage().contains("instead of"), failure.getCause().getMessage());
    }

    @Test
    void acceptorTakesVersion5SendNameWithComplement() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Handshake.Result> accepted = acceptAsync(server, B, "ok");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                Handshake.write(socket.getOutputStream(), new SendName(FLAGS & 0xFFFF_FFFFL, -1, "old@localhost"));
                assertEquals(new HandshakeMessage.Status("ok"), Handshake.read(in, false));
                HandshakeMessage.Challenge challenge = (HandshakeMessage.Challenge) Handshake.read(in, true);
                Handshake.write(socket.getOutputStream(), new HandshakeMessage.Complement((int) (FLAGS >>> 32), 77));
                Handshake.write(socket.getOutputStream(),
                        new HandshakeMessage.ChallengeReply(5, CookieDigest.of("secret", challenge.challenge())));
                HandshakeMessage.ChallengeAck ack = (HandshakeMessage.ChallengeAck) Handshake.read(in, false);
                assertArrayEquals(CookieDigest.of("secret", 5), ack.digest());
                assertEquals(new Handshake.Result("old@localhost", 77, FLAGS), accepted.get(10, TimeUnit.SECONDS));
            }
        }
    }

    /**
     * The flags an OTP 24 node offers (kernel's dist.hrl): everything OTP 25 requires, spelt out
     * bit by bit (OTP 24 predates the MANDATORY_25_DIGEST shorthand), plus SPAWN, V4_NC, ALIAS.
     */
    private static final long OTP24_FLAGS = DistFlags.PUBLISHED | DistFlags.ATOM_CACHE | DistFlags.EXTENDED_REFERENCES
            | DistFlags.DIST_MONITOR | DistFlags.FUN_TAGS | DistFlags.DIST_MONITOR_NAME | DistFlags.HIDDEN_ATOM_CACHE
            | DistFlags.NEW_FUN_TAGS | DistFlags.EXTENDED_PIDS_PORTS | DistFlags.EXPORT_PTR_TAG | DistFlags.BIT_BINARIES
            | DistFlags.NEW_FLOATS | DistFlags.UNICODE_IO | DistFlags.DIST_HDR_ATOM_CACHE | DistFlags.SMALL_ATOM_TAGS
            | DistFlags.UTF8_ATOMS | DistFlags.MAP_TAG | DistFlags.BIG_CREATION | DistFlags.SEND_SENDER
            | DistFlags.BIG_SEQTRACE_LABELS | DistFlags.EXIT_PAYLOAD | DistFlags.FRAGMENTS | DistFlags.HANDSHAKE_23
            | DistFlags.UNLINK_ID | DistFlags.SPAWN | DistFlags.V4_NC | DistFlags.ALIAS;

    /** MD5(cookie ++ the challenge as an unsigned decimal), computed here independently of CookieDigest. */
    private static String md5(String cookie, int challenge) throws Exception {
        byte[] text = (cookie + Integer.toUnsignedString(challenge)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(text));
    }

    private static String hex(long value, int bytes) {
        return HexFormat.of().toHexDigits(value).substring(16 - 2 * bytes);
    }

    private static String name(String node) {
        return HexFormat.of().formatHex(node.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Reads exactly {@code hexLength / 2} bytes and returns them as hex. */
    private static String read(java.io.InputStream in, int hexLength) throws IOException {
        return HexFormat.of().formatHex(in.readNBytes(hexLength / 2));
    }

    @Test
    void otp24InitiatorOpeningWithVersion5IsAnsweredByteForByte() throws Exception {
        int ourChallenge = (int) Entropy.seeded(2).nextLong(); // the acceptor below draws from seed 2
        int theirChallenge = 0x5EED1234;
        String old = "old@localhost";
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Handshake.Result> accepted = acceptAsync(server, B, "ok");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                var out = socket.getOutputStream();
                var in = socket.getInputStream();
                // send_name, version 5: 'n', Version 5, the low 32 flag bits, the name
                out.write(HexFormat.of().parseHex("0014" + "6e" + "0005" + hex(OTP24_FLAGS & 0xFFFF_FFFFL, 4) + name(old)));
                assertEquals("0003" + "736f6b", read(in, 10), "send_status ok");
                String challenge = "4e" + hex(FLAGS, 8) + hex(ourChallenge, 4) + hex(22, 4) + "000b" + name("b@localhost");
                assertEquals("001e" + challenge, read(in, 4 + challenge.length()), "send_challenge, version 6 form");
                // send_complement: the high flag word and the creation; then the challenge reply
                out.write(HexFormat.of().parseHex("0009" + "63" + hex(OTP24_FLAGS >>> 32, 4) + hex(77, 4)));
                out.write(HexFormat.of().parseHex("0015" + "72" + hex(theirChallenge, 4) + md5("secret", ourChallenge)));
                assertEquals("0011" + "61" + md5("secret", theirChallenge), read(in, 38), "send_challenge_ack");
                assertEquals(new Handshake.Result(old, 77, OTP24_FLAGS), accepted.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void version5InitiatorWithoutHandshake23IsRefusedByteForByte() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Handshake.Result> accepted = acceptAsync(server, B, "ok");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                long otp22 = OTP24_FLAGS & 0xFFFF_FFFFL & ~DistFlags.HANDSHAKE_23;
                socket.getOutputStream().write(HexFormat.of().parseHex("0014" + "6e" + "0005" + hex(otp22, 4)
                        + name("old@localhost")));
                assertEquals("000c" + "73" + name("not_allowed"), read(socket.getInputStream(), 28));
                assertEquals(-1, socket.getInputStream().read(), "and the connection closes");
            }
            ExecutionException failure = assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("version 5"), failure.getCause().getMessage());
        }
    }

    @Test
    void initiatingToAnOtp24AcceptorIsWrittenByteForByte() throws Exception {
        int ourChallenge = (int) Entropy.seeded(3).nextLong();
        int theirChallenge = 0x0BADCAFE;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Handshake.Result> initiated = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    initiated.complete(Handshake.initiate(new DataInputStream(socket.getInputStream()),
                            socket.getOutputStream(), A, "old@localhost", Entropy.seeded(3)));
                } catch (Throwable e) {
                    initiated.completeExceptionally(e);
                }
            });
            try (Socket socket = server.accept()) {
                var out = socket.getOutputStream();
                var in = socket.getInputStream();
                String sendName = "4e" + hex(FLAGS, 8) + hex(11, 4) + "000b" + name("a@localhost");
                assertEquals("001a" + sendName, read(in, 4 + sendName.length()), "send_name, version 6");
                out.write(HexFormat.of().parseHex("0003" + "736f6b"));
                out.write(HexFormat.of().parseHex("0020" + "4e" + hex(OTP24_FLAGS, 8) + hex(theirChallenge, 4) + hex(77, 4)
                        + "000d" + name("old@localhost")));
                assertEquals("0015" + "72" + hex(ourChallenge, 4) + md5("secret", theirChallenge), read(in, 46),
                        "send_challenge_reply");
                out.write(HexFormat.of().parseHex("0011" + "61" + md5("secret", ourChallenge)));
                assertEquals(new Handshake.Result("old@localhost", 77, OTP24_FLAGS), initiated.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void initiatorToldNokReturnsNull() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Handshake.Result> accepted = acceptAsync(server, B, "nok");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertNull(Handshake.initiate(new DataInputStream(socket.getInputStream()), socket.getOutputStream(), A,
                        "b@localhost", Entropy.seeded(1)));
            }
            assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS));
        }
    }

    /**
     * The peer answers alive: it holds a connection to us. If we hold one to it too (it connected
     * to us while we dialled), we answer false and keep ours; if not, true, so it replaces its own.
     */
    @Test
    void initiatorToldAliveKeepsTheConnectionItHoldsAndOtherwiseLetsThePeerReplaceIt() throws Exception {
        for (boolean connected : new boolean[] {true, false}) {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                CompletableFuture<Handshake.Result> initiated = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                        initiated.complete(Handshake.initiate(new DataInputStream(socket.getInputStream()),
                                socket.getOutputStream(), A, "b@localhost", Entropy.seeded(1), () -> connected));
                    } catch (Throwable e) {
                        initiated.completeExceptionally(e);
                    }
                });
                try (Socket socket = server.accept()) {
                    var in = socket.getInputStream();
                    String sendName = "4e" + hex(FLAGS, 8) + hex(11, 4) + "000b" + name("a@localhost");
                    assertEquals("001a" + sendName, read(in, 4 + sendName.length()));
                    socket.getOutputStream().write(HexFormat.of().parseHex("0006" + "73" + name("alive")));
                    String answer = connected ? "false" : "true";
                    assertEquals(hex(1 + answer.length(), 2) + "73" + name(answer), read(in, 6 + 2 * answer.length()));
                    if (connected) {
                        assertNull(initiated.get(10, TimeUnit.SECONDS), "it keeps the connection it holds");
                    } else {
                        assertFalse(initiated.isDone(), "it goes on with the handshake");
                    }
                }
            }
        }
    }

    @Test
    void garbageAndOversizedHandshakePacketsAreRejected() {
        assertThrows(DistProtocolException.class, () -> HandshakeMessage.decode(new byte[] {'x', 1, 2}, false));
        assertThrows(DistProtocolException.class, () -> HandshakeMessage.decode(new byte[] {'N', 1}, false));
        assertThrows(DistProtocolException.class, () -> HandshakeMessage.decode(new byte[] {'n', 0, 5}, true));
        assertThrows(DistProtocolException.class, () -> Handshake.read(
                new DataInputStream(new java.io.ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xFF})), false));
    }

    private static CompletableFuture<Handshake.Result> acceptAsync(ServerSocket server, Handshake.Identity self,
                                                                   String status) {
        CompletableFuture<Handshake.Result> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                result.complete(Handshake.accept(new DataInputStream(new BufferedInputStream(socket.getInputStream())),
                        socket.getOutputStream(), self, (peer, creation) -> status, Entropy.seeded(2)));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Runs a handshake between {@code initiator} and {@code acceptor}; both results, or the first failure. */
    private static Handshake.Result[] run(Handshake.Identity initiator, Handshake.Identity acceptor, String expected)
            throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Handshake.Result> accepted = acceptAsync(server, acceptor, "ok");
            CompletableFuture<Handshake.Result> initiated = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    initiated.complete(Handshake.initiate(new DataInputStream(socket.getInputStream()),
                            socket.getOutputStream(), initiator, expected, Entropy.seeded(3)));
                } catch (Throwable e) {
                    initiated.completeExceptionally(e);
                }
            });
            Handshake.Result[] both = new Handshake.Result[2];
            try {
                both[0] = initiated.get(10, TimeUnit.SECONDS);
            } finally {
                try {
                    both[1] = accepted.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (both[0] != null) {
                        throw e;
                    }
                }
            }
            return both;
        }
    }
}
