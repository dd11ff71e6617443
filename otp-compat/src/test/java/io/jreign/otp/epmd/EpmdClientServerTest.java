package io.jreign.otp.epmd;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the embedded server, on a private port. */
class EpmdClientServerTest {
    private EpmdServer server;
    private EpmdClient client;

    @BeforeEach
    void start() throws IOException {
        server = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0)
                .withTimeout(Duration.ofMillis(500)).withMaxRegistrations(3).withMaxRequestSize(300));
        client = new EpmdClient(server.config().withPort(server.port()).withTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerLookUpListAndUnregister() throws IOException {
        NodeInfo info = new NodeInfo("alpha", 5001, NodeType.NORMAL, 0, 6, 5, new byte[] {7});
        try (EpmdRegistration registration = client.register(info)) {
            assertTrue(registration.isActive());
            assertTrue(registration.creation() >= 1 && registration.creation() <= 0xFFFFFFFFL);
            assertEquals(Optional.of(info), client.portPlease("alpha"));
            assertEquals(Optional.empty(), client.portPlease("beta"));
            EpmdNames names = client.names();
            assertEquals(server.port(), names.epmdPort());
            assertEquals(Map.of("alpha", 5001), names.nodes());
            assertEquals(List.of(info), server.registrations());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> client.names().nodes().isEmpty());
        assertEquals(Optional.empty(), client.portPlease("alpha"));
    }

    @Test
    void namesAreUnique() throws IOException {
        try (EpmdRegistration first = client.register("alpha", 5001)) {
            EpmdException e = assertThrows(EpmdException.class, () -> client.register("alpha", 5002));
            assertEquals(1, e.result());
            assertTrue(first.isActive());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.registrations().isEmpty());
        try (EpmdRegistration again = client.register("alpha", 5003)) {
            assertEquals(5003, client.portPlease("alpha").orElseThrow().port());
        }
    }

    @Test
    void creationsDifferOnReRegistration() throws IOException {
        long first;
        try (EpmdRegistration r = client.register("alpha", 5001)) {
            first = r.creation();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.registrations().isEmpty());
        try (EpmdRegistration r = client.register("alpha", 5001)) {
            assertNotEquals(first, r.creation());
        }
    }

    @Test
    void maxRegistrations() throws IOException {
        try (EpmdRegistration a = client.register("a", 1);
             EpmdRegistration b = client.register("b", 2);
             EpmdRegistration c = client.register("c", 3)) {
            assertEquals(1, assertThrows(EpmdException.class, () -> client.register("d", 4)).result());
            assertEquals(3, client.names().nodes().size());
        }
    }

    @Test
    void oldNodesGetTheOldResponse() throws IOException {
        NodeInfo old = new NodeInfo("old", 5001, NodeType.HIDDEN, 0, 5, 5, new byte[0]);
        try (EpmdRegistration r = client.register(old)) {
            assertTrue(r.creation() >= 1 && r.creation() <= 3, "ALIVE2_RESP creation " + r.creation());
            assertEquals(Optional.of(old), client.portPlease("old"));
        }
    }

    @Test
    void closingTheServerEndsRegistrations() throws IOException {
        EpmdRegistration r = client.register("alpha", 5001);
        server.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !r.isActive());
        assertTrue(r.ended().toCompletableFuture().isDone());
        assertFalse(client.isRunning());
    }

    @Test
    void oversizedRequestsAreDropped() throws IOException {
        try (Socket socket = rawConnection()) {
            socket.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF, 120});
            assertEquals(-1, socket.getInputStream().read(), "connection closed without a reply");
        }
        try (Socket socket = rawConnection()) {
            socket.getOutputStream().write(new byte[] {0, 0});
            assertEquals(-1, socket.getInputStream().read());
        }
        assertTrue(client.isRunning());
    }

    @Test
    void slowRequestsTimeOut() throws IOException {
        try (Socket socket = rawConnection()) {
            socket.getOutputStream().write(new byte[] {0, 10, 120});
            // The server's 500 ms read timeout closes the connection; the client waits up to 5 s.
            assertEquals(-1, socket.getInputStream().read());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections().isEmpty());
    }

    @Test
    void malformedAndUnknownRequests() throws IOException {
        try (Socket socket = rawConnection()) {
            // ALIVE2_REQ whose name length runs past the request.
            socket.getOutputStream().write(new byte[] {0, 5, 120, 0, 1, 77, 0});
            assertEquals(-1, socket.getInputStream().read());
        }
        try (Socket socket = rawConnection()) {
            socket.getOutputStream().write(new byte[] {0, 1, 100}); // DUMP_REQ: not served
            assertEquals(-1, socket.getInputStream().read());
        }
        assertTrue(server.registrations().isEmpty());
    }

    @Test
    void rawAliveExchange() throws IOException {
        try (Socket socket = rawConnection()) {
            OutputStream out = socket.getOutputStream();
            byte[] request = EpmdProtocol.aliveRequest(NodeInfo.of("raw", 4242));
            out.write(EpmdProtocol.frame(request));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals(118, in.read());
            assertEquals(0, in.read());
            assertNotEquals(0, in.readInt());
            await().atMost(Duration.ofSeconds(10)).until(() -> server.lookup("raw").isPresent());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.lookup("raw").isEmpty());
    }

    @Test
    void startIfAbsent() throws IOException {
        EpmdConfig here = server.config().withPort(server.port());
        assertEquals(Optional.empty(), EpmdServer.startIfAbsent(here));
        try (Socket blocker = new Socket()) {
            // A port held by something that is not EPMD is an error, not "already running".
            try (java.net.ServerSocket other = new java.net.ServerSocket(0, 1, here.address())) {
                EpmdConfig taken = here.withPort(other.getLocalPort()).withTimeout(Duration.ofMillis(300));
                blocker.connect(new InetSocketAddress(here.address(), other.getLocalPort()));
                assertThrows(IOException.class, () -> EpmdServer.startIfAbsent(taken));
            }
        }
        Optional<EpmdServer> fresh = EpmdServer.startIfAbsent(here.withPort(0));
        assertTrue(fresh.isPresent());
        fresh.get().close();
    }

    @Test
    void namesParsing() throws EpmdException {
        byte[] reply = EpmdProtocol.namesResponse(4369, Map.of("a", 1));
        assertEquals(new EpmdNames(4369, Map.of("a", 1)), EpmdProtocol.parseNames(reply));
        assertEquals(ByteBuffer.wrap(reply).getInt(), 4369);
        assertThrows(EpmdException.class, () -> EpmdProtocol.parseNames(new byte[] {0, 0}));
        byte[] bad = ByteBuffer.allocate(9).putInt(1).put("oops\n".getBytes()).array();
        assertThrows(EpmdException.class, () -> EpmdProtocol.parseNames(bad));
    }

    private Socket rawConnection() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(server.config().address(), server.port()), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }
}
