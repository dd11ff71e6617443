package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Reason;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Binary;
import io.jreign.otp.process.Exit;
import io.jreign.otp.process.Proc;
import io.jreign.otp.testing.RawPeer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that stops reading: the connection turns busy, a sender waits at most busyTimeout, and
 * then its message is dropped and counted (DROP) or the connection closes with noconnection
 * for everything across it (DISCONNECT). Nobody waits forever.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BusyConnectionTest {
    private static final Duration BUSY_WAIT = Duration.ofMillis(300);
    private EpmdServer epmd;
    private OtpNode node;
    private RawPeer peer;

    private void start(BusyPolicy policy) throws Exception {
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        node = OtpNode.start(OtpNodeConfig.of("busy" + suffix + "@localhost", "cookie").withEpmdPort(epmd.port())
                .withDist(DistConfig.defaults().withBusy(64 << 10, BUSY_WAIT, policy)));
        peer = RawPeer.connect(node, "stalled" + suffix + "@localhost", "cookie", 4096); // and never reads
    }

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (node != null) {
            node.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    /** Sends 16 KiB messages to the stalled peer until one is refused; how long that one took, in ms. */
    private long sendUntilRefused(Proc from) {
        Address to = peer.pid(1);
        Binary chunk = Binary.of(new byte[16 << 10]);
        for (int i = 0; i < 100_000; i++) {
            long start = System.nanoTime();
            boolean sent = node.dist().control(to.node().name(), new ControlMessage.Send(from.self(), to), chunk, false);
            if (!sent) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
        }
        throw new AssertionError("100,000 x 16 KiB went to a peer that reads nothing");
    }

    @Test
    void dropPolicyDropsAfterTheWaitAndKeepsTheConnection() throws Exception {
        start(BusyPolicy.DROP);
        try (Proc self = node.newProc()) {
            long waited = sendUntilRefused(self);
            assertTrue(waited >= BUSY_WAIT.toMillis() - 5 && waited < 10_000, "waited " + waited + " ms");
            assertEquals(1, node.dist().droppedWhileBusy());
            assertTrue(node.dist().connectedNodes().contains(peer.pid(1).node().name()));
            long waitedAgain = sendUntilRefused(self);
            assertTrue(waitedAgain >= BUSY_WAIT.toMillis() - 5, "waited " + waitedAgain + " ms");
            assertEquals(2, node.dist().droppedWhileBusy());
        }
    }

    @Test
    void disconnectPolicyClosesTheConnectionSoLinksFireWithNoconnection() throws Exception {
        start(BusyPolicy.DISCONNECT);
        try (Proc self = node.newProc(); Proc sender = node.newProc()) {
            Address remote = peer.pid(7);
            self.trapExit(true);
            self.link(remote);
            long waited = sendUntilRefused(sender); // a lone sender writes itself: its stuck write is given up
            assertTrue(waited >= BUSY_WAIT.toMillis() - 5 && waited < 10_000, "waited " + waited + " ms");
            assertEquals(new Exit(remote, Reason.NO_CONNECTION), self.receive(Exit.class, Duration.ofSeconds(10)).orElseThrow());
            assertFalse(node.dist().connectedNodes().contains(remote.node().name()));
            assertEquals(1, node.dist().droppedWhileBusy());
        }
    }
}
