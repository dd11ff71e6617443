package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloseNotifyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Node node = Node.start("notify-test");

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void everyWatcherIsNotifiedExactlyOnceWithTheReason() {
        Mailbox target = node.newMailbox();
        List<Mailbox> watchers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Mailbox watcher = node.newMailbox();
            watchers.add(watcher);
            target.address().onCloseNotify(watcher.address());
            target.address().onCloseNotify(watcher.address()); // a set: still one notification
        }
        target.close("bye");
        for (Mailbox watcher : watchers) {
            assertEquals(new CloseNotification(target.address(), "bye"), watcher.receive(WAIT).orElseThrow());
            assertEquals(0, watcher.size(), "exactly one notification");
        }
    }

    @Test
    void watchingAClosedMailboxNotifiesAtOnceWithItsReason() {
        Mailbox target = node.newMailbox();
        target.close("earlier");
        Mailbox watcher = node.newMailbox();
        target.address().onCloseNotify(watcher.address());
        assertEquals(new CloseNotification(target.address(), "earlier"), watcher.receive(WAIT).orElseThrow());
    }

    @Test
    void watchingAnUnknownAddressNotifiesNoProc() {
        Mailbox watcher = node.newMailbox();
        Address unknown = node.bind(Address.of(node.id(), 999_999));
        unknown.onCloseNotify(watcher.address());
        assertEquals(new CloseNotification(unknown, Reason.NO_PROC), watcher.receive(WAIT).orElseThrow());
    }

    @Test
    void removeNotifyCancelsTheNotification() {
        Mailbox target = node.newMailbox();
        Mailbox kept = node.newMailbox();
        Mailbox removed = node.newMailbox();
        target.address().onCloseNotify(kept.address());
        target.address().onCloseNotify(removed.address());
        target.address().removeNotify(removed.address());
        target.close();
        assertEquals(new CloseNotification(target.address(), Reason.NORMAL), kept.receive(WAIT).orElseThrow());
        assertEquals(0, removed.size());
    }

    @Test
    void watchingSelfNeverDeadlocksOpenOrClosed() {
        Mailbox self = node.newMailbox();
        self.address().onCloseNotify(self.address());
        self.close();
        self.address().onCloseNotify(self.address()); // reign deadlocked here
        assertTrue(self.isClosed());
        assertEquals(0, node.stats().openMailboxes());
    }

    @Test
    void registrationRacingCloseStillGivesExactlyOneNotification() throws Exception {
        Mailbox watcher = node.newMailbox();
        int rounds = 2_000;
        for (int i = 0; i < rounds; i++) {
            Mailbox target = node.newMailbox();
            CountDownLatch go = new CountDownLatch(1);
            Thread closer = Thread.ofVirtual().start(() -> {
                await(go);
                target.close(Reason.NORMAL);
            });
            go.countDown();
            target.address().onCloseNotify(watcher.address());
            closer.join();
        }
        for (int i = 0; i < rounds; i++) {
            assertTrue(watcher.receive(CloseNotification.class, WAIT).isPresent(), "notification " + i);
        }
        assertEquals(0, watcher.size(), "no duplicates");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
