package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Etf;
import io.jreign.otp.etf.Tuple;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hostile peer on a live node's listener: every violation closes its connection, with a reason. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadPeerTest {
    private EpmdServer epmd;
    private OtpNode node;
    private Mailbox events;

    @BeforeEach
    void start() throws IOException {
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        String name = "bad" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36) + "@localhost";
        node = OtpNode.start(OtpNodeConfig.of(name, "cookie").withEpmdPort(epmd.port())
                .withDist(DistConfig.defaults().withLimits(1 << 20, 1 << 20, 100)
                        .withHandshakeTimeout(Duration.ofSeconds(2))));
        events = node.node().newMailbox();
        node.node().monitorNodes(events.address());
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Completes a handshake as {@code evil@localhost}. */
    private Socket authenticated() throws IOException {
        Socket socket = connect();
        Handshake.Identity evil = new Handshake.Identity("evil@localhost", 5, DistFlags.advertised(false), "cookie");
        Handshake.Result result = Handshake.initiate(new DataInputStream(socket.getInputStream()),
                socket.getOutputStream(), evil, node.name(), Entropy.seeded(9));
        assertNotNull(result);
        assertTrue(events.receive(NodeEvent.Up.class, Duration.ofSeconds(10)).isPresent());
        return socket;
    }

    private String downReason() {
        return String.valueOf(events.receive(NodeEvent.Down.class, Duration.ofSeconds(10)).orElseThrow().reason());
    }

    private static void assertClosed(Socket socket) throws IOException {
        try {
            while (socket.getInputStream().read() >= 0) {
                // drain what was sent before the close
            }
        } catch (java.net.SocketException reset) {
            // closed hard: fine
        }
    }

    @Test
    void garbageBeforeTheHandshakeIsRefused() throws IOException {
        try (Socket socket = connect()) {
            byte[] garbage = new byte[64];
            ThreadLocalRandom.current().nextBytes(garbage);
            garbage[0] = 0;
            garbage[1] = 40;
            socket.getOutputStream().write(garbage);
            assertClosed(socket);
        }
    }

    @Test
    void silentPeerIsCutAtTheHandshakeTimeout() throws IOException {
        try (Socket socket = connect()) {
            assertClosed(socket);
        }
    }

    @Test
    void oversizedPacketClosesTheConnection() throws IOException {
        try (Socket socket = authenticated()) {
            new DataOutputStream(socket.getOutputStream()).writeInt(1 << 30);
            assertClosed(socket);
            String reason = downReason();
            assertTrue(reason.contains("exceeds maxPacketSize"), reason);
        }
    }

    @Test
    void unknownControlMessageClosesTheConnection() throws IOException {
        try (Socket socket = authenticated()) {
            byte[] term = Etf.encode(Tuple.of(99L, Atom.of("what")));
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(term.length + 1);
            out.writeByte(112);
            out.write(term);
            out.flush();
            assertClosed(socket);
            String reason = downReason();
            assertTrue(reason.contains("unknown control message operation 99"), reason);
        }
    }

    @Test
    void garbageAfterTheHandshakeClosesTheConnectionAndTicksKeepItOtherwise() throws IOException {
        try (Socket socket = authenticated()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(0); // a tick is fine
            out.writeInt(3);
            out.write(new byte[] {(byte) 131, 99, 1});
            out.flush();
            assertClosed(socket);
            String reason = downReason();
            assertTrue(reason.startsWith("protocol error from evil@localhost"), reason);
            assertEquals(0, node.dist().connectedNodes().size());
        }
    }
}
