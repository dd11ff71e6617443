package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing, remote watches and node loss through the transport seam. */
class TransportSeamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Node a = Node.start("seam-a");
    private final Node b = Node.start("seam-b");

    @AfterEach
    void closeNodes() {
        a.close();
        b.close();
    }

    @Test
    void sendsReachTheOtherNodeInOrder() {
        LoopbackTransport.join(a, b);
        Mailbox onB = b.newMailbox();
        Address fromA = a.bind(Address.parse(onB.address().toString()));
        for (int i = 0; i < 1_000; i++) {
            fromA.send(i);
        }
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, onB.receive(WAIT).orElseThrow());
        }
    }

    @Test
    void remoteCloseNotifiesTheWatcherOnceWithTheReason() {
        LoopbackTransport.join(a, b);
        Mailbox target = b.newMailbox();
        Mailbox watcher = a.newMailbox();
        Address remoteTarget = a.bind(Address.parse(target.address().toString()));
        remoteTarget.onCloseNotify(watcher.address());
        remoteTarget.onCloseNotify(watcher.address());
        target.close("remote reason");
        assertEquals(new CloseNotification(remoteTarget, "remote reason"), watcher.receive(WAIT).orElseThrow());
        assertEquals(Optional.empty(), watcher.receive(Duration.ofMillis(50)), "exactly once");
        assertEquals(0, a.stats().crossNodeWatches() + b.stats().crossNodeWatches(), "nothing left on record");
    }

    @Test
    void losingTheNodeFiresEveryWatchWithNoConnectionAndTellsSubscribers() {
        LoopbackTransport.join(a, b);
        Mailbox events = a.newMailbox();
        a.monitorNodes(events.address());
        List<Mailbox> targets = new ArrayList<>();
        Mailbox watcher = a.newMailbox();
        for (int i = 0; i < 10; i++) {
            Mailbox target = b.newMailbox();
            targets.add(target);
            a.bind(Address.parse(target.address().toString())).onCloseNotify(watcher.address());
        }
        ((LoopbackTransport) a.transports().getFirst()).cut();
        for (int i = 0; i < 10; i++) {
            CloseNotification note = watcher.receive(CloseNotification.class, WAIT).orElseThrow();
            assertEquals(Reason.NO_CONNECTION, note.reason());
        }
        assertEquals(new NodeEvent.Down(b.id(), "cut"), events.receive(WAIT).orElseThrow());
        targets.forEach(Mailbox::close); // closes after the loss tell nobody twice
        assertEquals(Optional.empty(), watcher.receive(Duration.ofMillis(50)));
        assertEquals(0, a.stats().crossNodeWatches() + b.stats().crossNodeWatches());
    }

    @Test
    void watchingANodeNoTransportReachesFiresNoConnectionAtOnce() {
        Mailbox watcher = a.newMailbox();
        Address nowhere = a.bind(Address.of(new NodeId("nowhere", 9), 1));
        nowhere.onCloseNotify(watcher.address());
        assertEquals(new CloseNotification(nowhere, Reason.NO_CONNECTION), watcher.receive(WAIT).orElseThrow());
        nowhere.send("lost");
        assertEquals(1, a.stats().droppedUnroutable());
    }

    @Test
    void aWatcherThatClosesFirstWithdrawsItsRemoteWatch() {
        LoopbackTransport.join(a, b);
        Mailbox target = b.newMailbox();
        Mailbox watcher = a.newMailbox();
        a.bind(Address.parse(target.address().toString())).onCloseNotify(watcher.address());
        assertTrue(a.stats().crossNodeWatches() == 1 && b.stats().crossNodeWatches() == 1);
        watcher.close();
        assertEquals(0, a.stats().crossNodeWatches() + b.stats().crossNodeWatches());
        assertEquals(1, ((LoopbackTransport) a.transports().getFirst()).unwatches.get());
    }

    @Test
    void aRemoteWatcherOfALocalTargetIsForgottenWhenItsNodeIsLost() {
        LoopbackTransport.join(a, b);
        Mailbox target = a.newMailbox();
        Mailbox remoteWatcher = b.newMailbox();
        b.bind(Address.parse(target.address().toString())).onCloseNotify(remoteWatcher.address());
        assertEquals(1, a.stats().crossNodeWatches());
        ((LoopbackTransport) a.transports().getFirst()).cut();
        assertEquals(0, a.stats().crossNodeWatches());
        target.close(); // must not try to reach the lost node's watcher
        assertTrue(remoteWatcher.receive(CloseNotification.class, WAIT).orElseThrow().reason() == Reason.NO_CONNECTION);
    }

    @Test
    void sendAfterToARemoteAddressNeverSendsFromTheTimerThread() {
        LoopbackTransport.join(a, b);
        Mailbox onB = b.newMailbox();
        Address remote = a.bind(Address.parse(onB.address().toString()));
        a.sendAfter(Duration.ofMillis(1), remote, "later");
        assertEquals("later", onB.receive(WAIT).orElseThrow());
        Thread sender = ((LoopbackTransport) a.transports().getFirst()).lastSender;
        assertTrue(sender.isVirtual(), "a transport may block a sender; the timer thread must not be it: " + sender);
    }
}
