package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NamesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Node node = Node.start("names-test");

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void registerLookupUnregister() {
        Mailbox mailbox = node.newMailbox();
        assertTrue(node.names().register("svc", mailbox.address()));
        assertFalse(node.names().register("svc", mailbox.address()), "already held");
        assertEquals(Optional.of(mailbox.address()), node.names().lookup("svc"));
        assertEquals(Set.of("svc"), node.names().namesOf(mailbox.address()));
        assertEquals(Set.of("svc"), node.names().registered());
        node.send("svc", "by name");
        assertEquals("by name", mailbox.receive(WAIT).orElseThrow());
        assertTrue(node.names().unregister("svc", mailbox.address()));
        assertFalse(node.names().unregister("svc", mailbox.address()));
        assertEquals(Optional.empty(), node.names().lookup("svc"));
        assertEquals(Set.of(), node.names().namesOf(mailbox.address()));
        assertEquals(Set.of(), node.names().registered());
    }

    @Test
    void severalClaimantsAreAllToldOfTheConflict() {
        Mailbox first = node.newMailbox();
        Mailbox second = node.newMailbox();
        Mailbox third = node.newMailbox();
        node.names().register("leader", first.address());
        assertEquals(0, first.size(), "no conflict with a single claimant");
        node.names().register("leader", second.address());
        NameConflict two = new NameConflict("leader", List.of(first.address(), second.address()));
        assertEquals(two, first.receive(WAIT).orElseThrow());
        assertEquals(two, second.receive(WAIT).orElseThrow());
        node.names().register("leader", third.address());
        NameConflict three = new NameConflict("leader", List.of(first.address(), second.address(), third.address()));
        for (Mailbox claimant : List.of(first, second, third)) {
            assertEquals(three, claimant.receive(WAIT).orElseThrow());
        }
        assertEquals(List.of(first.address(), second.address(), third.address()), node.names().lookupAll("leader"));
        assertEquals(Optional.of(first.address()), node.names().lookup("leader"), "oldest claim answers");
    }

    @Test
    void closingReleasesEveryNameItHeld() {
        Mailbox mailbox = node.newMailbox();
        Mailbox other = node.newMailbox();
        node.names().register("a", mailbox.address());
        node.names().register("b", mailbox.address());
        node.names().register("b", other.address());
        mailbox.close();
        assertEquals(Optional.empty(), node.names().lookup("a"));
        assertEquals(List.of(other.address()), node.names().lookupAll("b"));
    }

    @Test
    void registeringAClosedOrForeignMailboxFailsClearly() {
        Mailbox closed = node.newMailbox();
        closed.close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> node.names().register("x", closed.address()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        Address foreign = Address.of(new NodeId("other", 1), 1);
        assertThrows(IllegalArgumentException.class, () -> node.names().register("x", foreign));
        assertThrows(IllegalArgumentException.class, () -> node.names().register("", node.newMailbox().address()));
        assertEquals(Optional.empty(), node.names().lookup("x"));
    }
}
