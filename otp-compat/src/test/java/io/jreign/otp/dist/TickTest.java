package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With net_ticktime 1 s: the node ticks every quarter second, and drops a peer silent for a second. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TickTest {
    @Test
    void ticksAndTickTimeout() throws Exception {
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
             OtpNode node = OtpNode.start(OtpNodeConfig.of("ticker@localhost", "c").withEpmdPort(epmd.port())
                     .withDist(DistConfig.defaults().withTickTime(Duration.ofSeconds(1))));
             Mailbox events = node.node().newMailbox();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
            node.node().monitorNodes(events.address());
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Handshake.Identity peer = new Handshake.Identity("quiet@localhost", 3, DistFlags.advertised(true), "c");
            assertNotNull(Handshake.initiate(in, socket.getOutputStream(), peer, "ticker@localhost", Entropy.seeded(1)));
            assertEquals(0, in.readInt(), "the node ticks an idle connection");
            NodeEvent.Down down = events.receive(NodeEvent.Down.class, Duration.ofSeconds(10)).orElseThrow();
            assertEquals("net_tick_timeout", down.reason());
        }
    }
}
