package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarkTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Node node = Node.start("mark-test");

    record Request(Address from, long tag) {}

    record Reply(long tag) {}

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void callReplyWithAMarkSkipsAHugeBacklogAndLeavesIt() {
        Address server = node.spawn(self -> {
            while (true) {
                Request request = self.receive(Request.class);
                request.from().send(new Reply(request.tag()));
            }
        });
        Mailbox caller = node.newMailbox();
        for (int i = 0; i < 100_000; i++) {
            caller.address().send("backlog " + i);
        }
        for (long tag = 0; tag < 10_000; tag++) {
            Mark mark = caller.mark();
            server.send(new Request(caller.address(), tag));
            long expected = tag;
            assertEquals(new Reply(tag), caller.receive(mark, Reply.class, r -> r.tag() == expected, WAIT).orElseThrow());
        }
        assertEquals(100_000, caller.size(), "backlog untouched");
        assertEquals("backlog 0", caller.receive());
    }

    @Test
    void aMarkStaysValidWhenMessagesAroundItAreTaken() {
        Mailbox mailbox = node.newMailbox();
        mailbox.address().send("before");
        Mark mark = mailbox.mark();
        mailbox.address().send("a");
        mailbox.address().send("b");
        assertEquals("before", mailbox.receive()); // the marked cell itself goes
        assertEquals("a", mailbox.receive(m -> m.equals("a")));
        assertEquals("b", mailbox.receive(mark, String.class, s -> true, WAIT).orElseThrow());
        mailbox.address().send("c");
        assertEquals("c", mailbox.receive(mark, String.class, s -> true, WAIT).orElseThrow());
    }

    @Test
    void repliesTakenFromTheEndLeaveNoGrowingGarbage() {
        Mailbox mailbox = node.newMailbox();
        mailbox.address().send("old"); // never taken: the queue never empties from the front
        for (int i = 0; i < 200_000; i++) {
            Mark mark = mailbox.mark();
            mailbox.address().send(i);
            int expected = i;
            assertEquals(i, mailbox.receive(mark, Integer.class, n -> n == expected, WAIT).orElseThrow());
            assertTrue(mailbox.tombstones() <= 65, "tombstones bounded, was " + mailbox.tombstones());
        }
        assertEquals(1, mailbox.size());
        assertEquals("old", mailbox.receive());
    }

    @Test
    void aMarkOfAnotherMailboxIsRefused() {
        Mailbox one = node.newMailbox();
        Mailbox other = node.newMailbox();
        Mark mark = one.mark();
        assertThrows(IllegalArgumentException.class, () -> other.receive(mark, Object.class, o -> true));
    }
}
