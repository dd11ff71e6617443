package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.NodeId;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.testing.ForwardingSignals;
import io.jreign.otp.testing.RawPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection this node closes itself ({@code disconnect}, as erl's {@code disconnect_node/1})
 * takes in its own node-down before the peer can see the socket close: when the process layer
 * hears of the lost node, the node's {@link NodeEvent.Down} is already published and the peer
 * has read no end of stream. (Otherwise the peer could react, for example through {@code global}
 * on a third node, and that reaction reach us before our own nodedown.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocalCloseOrderTest {
    private static final Duration PEER_READ = Duration.ofMillis(300);

    @Test
    void theNodeDownComesBeforeThePeerSeesTheClose() throws Exception {
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
             OtpNode node = OtpNode.start(OtpNodeConfig.of("closer@localhost", "c").withEpmdPort(epmd.port()));
             Mailbox events = node.node().newMailbox();
             RawPeer peer = RawPeer.connect(node, "peer@localhost", "c")) {
            node.node().monitorNodes(events.address());
            AtomicReference<String> seenAtNodeDown = new AtomicReference<>();
            SignalHandler processes = node.processes().signals();
            node.dist().signalHandler(new ForwardingSignals(processes) {
                @Override
                public void nodeDown(NodeId lost) {
                    // on the closing thread, which is this test's: the mailbox is ours to read
                    Optional<NodeEvent.Down> down = events.receive(NodeEvent.Down.class, Duration.ZERO);
                    seenAtNodeDown.set("event " + down.map(d -> d.node().name()).orElse("none")
                            + ", peer read " + peerRead(peer));
                    super.nodeDown(lost);
                }
            });

            node.dist().disconnect("peer@localhost");

            assertEquals("event peer@localhost, peer read nothing yet", seenAtNodeDown.get());
            peer.socket().setSoTimeout(10_000);
            assertEquals(-1, drain(peer.socket().getInputStream()), "the socket closes after the node-down");
            assertTrue(node.dist().connectedNodes().isEmpty());
        }
    }

    /** What the peer's end shows now: "end of stream", or "nothing yet" once a short read times out. */
    private static String peerRead(RawPeer peer) {
        try {
            peer.socket().setSoTimeout((int) PEER_READ.toMillis());
            return drain(peer.socket().getInputStream()) == -1 ? "end of stream" : "data";
        } catch (SocketTimeoutException e) {
            return "nothing yet";
        } catch (IOException e) {
            return "error " + e;
        }
    }

    /** Reads until the end of stream (-1); ticks or other bytes on the way are skipped. */
    private static int drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (true) {
            if (in.read(buffer) == -1) {
                return -1;
            }
        }
    }
}
