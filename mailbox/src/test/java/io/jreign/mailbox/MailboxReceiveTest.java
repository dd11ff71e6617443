package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailboxReceiveTest {
    private final Node node = Node.start("receive-test");

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void receivesInArrivalOrder() {
        Mailbox mailbox = node.newMailbox();
        for (int i = 0; i < 100; i++) {
            mailbox.address().send(i);
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i, mailbox.receive());
        }
        assertEquals(Optional.empty(), mailbox.tryReceive());
    }

    @Test
    void sizeCountsExactlyTheQueuedMessages() {
        Mailbox mailbox = node.newMailbox();
        assertEquals(0, mailbox.size());
        mailbox.address().send("a");
        assertEquals(1, mailbox.size());
        mailbox.address().send("b");
        mailbox.address().send("c");
        assertEquals(3, mailbox.size());
        assertEquals("b", mailbox.receive(m -> m.equals("b")));
        assertEquals(2, mailbox.size());
        mailbox.receive();
        mailbox.receive();
        assertEquals(0, mailbox.size());
    }

    @Test
    void selectiveReceiveKeepsSkippedMessagesInOrder() {
        Mailbox mailbox = node.newMailbox();
        for (int i = 0; i < 10; i++) {
            mailbox.address().send(i);
        }
        assertEquals(7, mailbox.receive(m -> m.equals(7)));
        assertEquals(3, mailbox.receive(m -> m.equals(3)));
        List<Object> rest = new ArrayList<>();
        mailbox.tryReceive().ifPresent(rest::add);
        while (mailbox.size() > 0) {
            rest.add(mailbox.receive());
        }
        assertEquals(List.of(0, 1, 2, 4, 5, 6, 8, 9), rest);
    }

    @Test
    void typedReceiveTakesTheFirstOfItsType() {
        Mailbox mailbox = node.newMailbox();
        mailbox.address().send("text");
        mailbox.address().send(42);
        mailbox.address().send(43);
        assertEquals(43, mailbox.receive(Integer.class, i -> i > 42));
        assertEquals(42, mailbox.receive(Integer.class));
        assertEquals(Optional.empty(), mailbox.receive(Integer.class, Duration.ZERO));
        assertEquals("text", mailbox.receive(String.class));
    }

    @Test
    void timeoutReturnsEmptyAndLeavesUnmatchedMessages() {
        Mailbox mailbox = node.newMailbox();
        mailbox.address().send("unmatched");
        long start = System.nanoTime();
        assertEquals(Optional.empty(), mailbox.receive(m -> m.equals("never"), Duration.ofMillis(50)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
        assertEquals(1, mailbox.size());
        assertEquals("unmatched", mailbox.receive());
    }

    @Test
    void markLimitsTheScanToLaterMessages() {
        Mailbox mailbox = node.newMailbox();
        mailbox.address().send("reply"); // an old message that would match
        Mark mark = mailbox.mark();
        assertEquals(Optional.empty(), mailbox.receive(mark, String.class, s -> s.equals("reply"), Duration.ZERO));
        mailbox.address().send("noise");
        mailbox.address().send("reply");
        assertEquals("reply", mailbox.receive(mark, String.class, s -> s.equals("reply")));
        assertEquals(List.of("reply", "noise"), List.of(mailbox.receive(), mailbox.receive()));
    }

    @Test
    void receiveOnClosedMailboxThrowsWithTheReason() {
        Mailbox mailbox = node.newMailbox();
        mailbox.address().send("lost");
        assertTrue(mailbox.close("done"));
        assertFalse(mailbox.close("again"));
        MailboxClosedException thrown = assertThrows(MailboxClosedException.class, mailbox::receive);
        assertEquals("done", thrown.reason());
        assertEquals(mailbox.address(), thrown.address());
        assertEquals(1, node.stats().droppedAtClose());
        mailbox.address().send("after");
        assertEquals(1, node.stats().droppedToClosed());
    }
}
