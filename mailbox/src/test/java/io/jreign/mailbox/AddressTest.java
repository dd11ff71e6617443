package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void equalityIsNodeRunPlusId() {
        NodeId run1 = new NodeId("a@host", 1);
        NodeId run2 = new NodeId("a@host", 2);
        assertEquals(Address.of(run1, 7), Address.of(run1, 7));
        assertEquals(Address.of(run1, 7).hashCode(), Address.of(run1, 7).hashCode());
        assertNotEquals(Address.of(run1, 7), Address.of(run2, 7), "another run of the node is another address");
        assertNotEquals(Address.of(run1, 7), Address.of(run1, 8));
        assertTrue(run1.isOtherRunOf(run2));
    }

    @Test
    void textFormRoundTrips() {
        Address address = Address.of(new NodeId("chat.1@example-host", 4_294_967_295L), Long.MAX_VALUE);
        assertEquals("<chat.1@example-host#4294967295." + Long.MAX_VALUE + ">", address.toString());
        assertEquals(address, Address.parse(address.toString()));
    }

    @Test
    void parseRejectsMalformedTextNamingIt() {
        for (String bad : new String[] {"", "<>", "a#1.2", "<a#1>", "<a.2>", "<#1.2>", "<a#x.2>", "<a#1.>", "<a b#1.2>", "<a#0.2>"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Address.parse(bad), bad);
            assertTrue(e.getMessage().contains("name") || e.getMessage().contains(bad) || e.getMessage().contains("incarnation"),
                    e.getMessage());
        }
    }

    @Test
    void nodeIdRejectsBadNamesAndIncarnations() {
        assertThrows(IllegalArgumentException.class, () -> new NodeId("", 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeId("has space", 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeId(null, 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeId("é", 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeId("a:b", 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeId("x".repeat(256), 1));
        new NodeId("x".repeat(255), 1);
        new NodeId("Az09_.@-", 1);
        assertThrows(IllegalArgumentException.class, () -> new NodeId("x", 0));
        assertThrows(IllegalArgumentException.class, () -> new NodeId("x", NodeId.MAX_INCARNATION + 1));
    }

    @Test
    void serializedAddressStaysLiveAndReachesItsMailbox() throws Exception {
        try (Node node = Node.start("serial-test"); Mailbox mailbox = node.newMailbox()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(mailbox.address());
            }
            Address copy;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (Address) in.readObject();
            }
            assertEquals(mailbox.address(), copy);
            copy.send("over the wire");
            assertEquals("over the wire", mailbox.receive(Duration.ofSeconds(5)).orElseThrow());
        }
    }

    @Test
    void parsedAddressIsBoundExplicitlyWhenSeveralNodesRun() {
        try (Node a = Node.start("bind-a"); Node b = Node.start("bind-b"); Mailbox onA = a.newMailbox()) {
            Address parsed = Address.parse(onA.address().toString());
            parsed.send("found by node identity");
            assertEquals("found by node identity", onA.receive(Duration.ofSeconds(5)).orElseThrow());
            Address foreign = Address.parse("<elsewhere#5.1>");
            assertThrows(IllegalStateException.class, () -> foreign.send("x"));
            b.bind(foreign).send("dropped, no transport"); // bound: no exception, counted
            assertEquals(1, b.stats().droppedUnroutable());
        }
    }

    @Test
    void addressOfAnEarlierRunNeverReachesTheCurrentOne() {
        try (Node earlier = Node.builder("restarting").incarnation(1).start()) {
            Address old;
            try (Mailbox mailbox = earlier.newMailbox()) {
                old = mailbox.address();
            }
            earlier.close();
            try (Node current = Node.builder("restarting").incarnation(2).start(); Mailbox same = current.newMailbox()) {
                assertEquals(old.id(), same.address().id(), "same local id, different run");
                current.bind(old).send("stale");
                assertEquals(1, current.stats().droppedStale());
                assertEquals(0, same.size());
                current.bind(old).onCloseNotify(same.address());
                CloseNotification note = same.receive(CloseNotification.class, Duration.ofSeconds(5)).orElseThrow();
                assertEquals(Reason.NO_PROC, note.reason());
            }
        }
    }
}
