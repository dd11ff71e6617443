package io.jreign.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.otp.dist.ControlMessage;
import io.jreign.otp.dist.DistFlags;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.process.Exit;
import io.jreign.otp.process.Proc;
import io.jreign.otp.testing.RawPeer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The UNLINK_ID protocol against a scripted peer that puts the signals in the orders a real erl
 * produces only by chance: an exit signal or a LINK that crosses our UNLINK_ID, an old ack, a
 * process that ends while its unlink is in flight. Each order is played exactly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnlinkProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Atom BOOM = Atom.of("boom");
    private static final Atom MARKER = Atom.of("marker");
    private EpmdServer epmd;
    private OtpNode java;
    private RawPeer peer;
    private Address remote;

    @BeforeEach
    void start() throws Exception {
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        java = OtpNode.start(OtpNodeConfig.of("ul" + suffix + "@localhost", "cookie").withEpmdPort(epmd.port()));
        peer = RawPeer.connect(java, "script" + suffix + "@localhost", "cookie");
        remote = peer.pid(42);
    }

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (java != null) {
            java.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    /** Links {@code self} to the peer's process and unlinks; the id of the UNLINK_ID the peer read. */
    private long linkThenUnlink(Proc self) throws Exception {
        self.link(remote);
        assertEquals(new ControlMessage.Link(self.self(), remote), peer.next().message());
        self.unlink(remote);
        ControlMessage.Unlink unlink = assertInstanceOf(ControlMessage.Unlink.class, peer.next().message());
        assertEquals(self.self(), unlink.from());
        return unlink.id();
    }

    private void sendMarker(Proc to) throws Exception {
        peer.send(new ControlMessage.Send(remote, to.self()), MARKER);
    }

    @Test
    void anExitSignalCrossingOurUnlinkIsDropped() throws Exception {
        try (Proc self = java.newProc()) {
            self.trapExit(true);
            long id = linkThenUnlink(self);
            peer.send(new ControlMessage.Exit(remote, self.self(), BOOM, true, false), null); // sent before it saw our unlink
            peer.send(new ControlMessage.UnlinkAck(id, remote, self.self()), null);
            sendMarker(self);
            assertEquals(MARKER, self.receive(WAIT).orElseThrow(), "no {'EXIT', Remote, boom} before the marker");
            assertFalse(self.isLinked(remote));
        }
    }

    @Test
    void anExitSignalOfAnActiveLinkStillArrives() throws Exception {
        try (Proc self = java.newProc()) {
            self.trapExit(true);
            self.link(remote);
            assertEquals(new ControlMessage.Link(self.self(), remote), peer.next().message());
            peer.send(new ControlMessage.Exit(remote, self.self(), BOOM, true, false), null);
            assertEquals(new Exit(remote, BOOM), self.receive(WAIT).orElseThrow());
        }
    }

    @Test
    void aLinkCrossingOurUnlinkLeavesBothSidesUnlinked() throws Exception {
        try (Proc self = java.newProc()) {
            self.trapExit(true);
            long id = linkThenUnlink(self);
            peer.send(new ControlMessage.Link(remote, self.self()), null); // its link/1 crossed our UNLINK_ID
            peer.send(new ControlMessage.UnlinkAck(id, remote, self.self()), null); // it then removed the link
            peer.send(new ControlMessage.Exit(remote, self.self(), BOOM, true, false), null); // from no link
            sendMarker(self);
            assertEquals(MARKER, self.receive(WAIT).orElseThrow());
            assertFalse(self.isLinked(remote));
        }
    }

    @Test
    void linkingAgainBeforeTheAckKeepsTheNewLink() throws Exception {
        try (Proc self = java.newProc()) {
            self.trapExit(true);
            long id = linkThenUnlink(self);
            self.link(remote);
            assertEquals(new ControlMessage.Link(self.self(), remote), peer.next().message(), "a new LINK goes out");
            peer.send(new ControlMessage.UnlinkAck(id, remote, self.self()), null); // the old ack
            peer.send(new ControlMessage.Exit(remote, self.self(), BOOM, true, false), null);
            assertEquals(new Exit(remote, BOOM), self.receive(WAIT).orElseThrow());
        }
    }

    @Test
    void anUnlinkIdIsAcknowledgedWithItsIdUpTo2To64Minus1() throws Exception {
        try (Proc self = java.newProc()) {
            for (long id : new long[] {9, -1L /* 2^64-1 */}) {
                peer.send(new ControlMessage.Link(remote, self.self()), null);
                peer.send(new ControlMessage.Unlink(id, remote, self.self()), null);
                assertEquals(new ControlMessage.UnlinkAck(id, self.self(), remote), peer.next().message());
                assertFalse(self.isLinked(remote));
            }
            assertTrue(java.dist().connectedNodes().contains(remote.node().name()), "the big id did not break the connection");
        }
    }

    @Test
    void aPeerWithoutUnlinkIdGetsTheOldUnlinkAndNoAckIsAwaited() throws Exception {
        try (RawPeer old = RawPeer.connect(java, "old" + peer.pid(1).node().name(), "cookie", 0,
                DistFlags.advertised(true) & ~DistFlags.UNLINK_ID); Proc self = java.newProc()) {
            Address oldRemote = old.pid(3);
            self.link(oldRemote);
            assertEquals(new ControlMessage.Link(self.self(), oldRemote), old.next().message());
            self.unlink(oldRemote);
            assertEquals(new ControlMessage.Unlink(ControlMessage.Unlink.NO_ID, self.self(), oldRemote), old.next().message());
            assertFalse(self.isLinked(oldRemote));
            old.send(new ControlMessage.Link(oldRemote, self.self()), null); // a new link is a new link
            Awaitility.await().atMost(WAIT).until(() -> self.isLinked(oldRemote));
        }
    }

    @Test
    void aProcessThatEndsWhileItsUnlinkIsInFlightSendsNoExitSignal() throws Exception {
        Ref ref = new Ref(Atom.of(remote.node().name()), 5, new int[] {1, 2, 3});
        Address[] linker = new Address[1];
        try (Proc control = java.newProc()) {
            linker[0] = java.spawn(p -> {
                p.link(remote);
                p.unlink(remote);
                control.self().send(Atom.OK);
                p.receive(); // then dies with a reason
                throw new IllegalStateException("dies while unlinking");
            });
            assertInstanceOf(ControlMessage.Link.class, peer.next().message());
            assertInstanceOf(ControlMessage.Unlink.class, peer.next().message());
            control.receive(WAIT).orElseThrow();
            peer.send(new ControlMessage.Monitor(remote, linker[0], ref), null);
            Awaitility.await().atMost(WAIT).until(() -> java.processes().size() >= 2); // link info + monitor
            linker[0].send("die");
            ControlMessage next = peer.next().message();
            assertInstanceOf(ControlMessage.MonitorExit.class, next, "the DOWN, with no EXIT before it: " + next);
        }
    }
}
