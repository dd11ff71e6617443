package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void advertisedFlagsCoverWhatOtp25RequiresAndNoAtomCache() {
        assertEquals(0, DistFlags.missingMandatory(FLAGS));
        assertEquals(0, FLAGS & DistFlags.DIST_HDR_ATOM_CACHE);
        for (long flag : new long[] {DistFlags.DIST_MONITOR, DistFlags.DIST_MONITOR_NAME, DistFlags.SEND_SENDER,
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
