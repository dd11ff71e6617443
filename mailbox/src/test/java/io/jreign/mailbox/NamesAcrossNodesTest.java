package io.jreign.mailbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.NameClaim;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The names registry made cluster-wide by a transport that shares claims (the loopback here). */
class NamesAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Node a = Node.start("names-a");
    private final Node b = Node.start("names-b");
    private final Node c = Node.start("names-c");

    @AfterEach
    void closeNodes() {
        a.close();
        b.close();
        c.close();
    }

    @Test
    void aClaimIsSeenOnTheOtherNodeAndGoesWithUnregisterAndClose() {
        LoopbackTransport.join(a, b);
        Mailbox service = a.newMailbox();
        Mailbox other = a.newMailbox();
        a.names().register("svc", service.address());
        a.names().register("other", other.address());
        await().until(() -> b.names().lookup("svc").isPresent() && b.names().lookup("other").isPresent());
        assertEquals(service.address(), b.names().lookup("svc").orElseThrow());
        assertEquals(java.util.Set.of("svc", "other"), b.names().registered());

        b.send("svc", "by name from b");
        assertEquals("by name from b", service.receive(WAIT).orElseThrow());

        a.names().unregister("svc", service.address());
        other.close();
        await().until(() -> b.names().lookupAll("svc").isEmpty() && b.names().lookupAll("other").isEmpty());
    }

    @Test
    void claimsMadeBeforeTheNodesMeetAreSynced() {
        Mailbox early = a.newMailbox();
        a.names().register("early", early.address());
        LoopbackTransport.join(a, b);
        await().until(() -> b.names().lookup("early").equals(Optional.of(early.address())));
    }

    @Test
    void eachClaimantHearsOfACrossNodeConflictOnceFromItsOwnNode() {
        LoopbackTransport.join(a, b);
        Mailbox onA = a.newMailbox();
        Mailbox onB = b.newMailbox();
        a.names().register("leader", onA.address());
        await().until(() -> b.names().lookup("leader").isPresent());
        b.names().register("leader", onB.address());

        NameConflict seenByB = (NameConflict) onB.receive(WAIT).orElseThrow();
        NameConflict seenByA = (NameConflict) onA.receive(WAIT).orElseThrow();
        assertEquals(List.of(onB.address(), onA.address()), seenByB.claimants(), "b's own claim first");
        assertEquals(List.of(onA.address(), onB.address()), seenByA.claimants(), "a's own claim first");
        assertEquals(Optional.empty(), onA.receive(Duration.ofMillis(100)), "exactly one notice each");
        assertEquals(Optional.empty(), onB.tryReceive());
        assertEquals(onA.address(), a.names().lookup("leader").orElseThrow(), "a prefers its own claim");
        assertEquals(onB.address(), b.names().lookup("leader").orElseThrow(), "b prefers its own claim");
    }

    @Test
    void aNameHeldOnlyElsewhereLooksUpAlikeOnEveryNode() {
        LoopbackTransport.join(a, b);
        LoopbackTransport.join(a, c);
        LoopbackTransport.join(b, c);
        Mailbox onC = c.newMailbox();
        Mailbox onB = b.newMailbox();
        c.names().register("shared", onC.address());
        b.names().register("shared", onB.address());
        await().until(() -> a.names().lookupAll("shared").size() == 2);
        assertEquals(List.of(onB.address(), onC.address()), a.names().lookupAll("shared"), "address order: names-b < names-c");
        assertEquals(onB.address(), a.names().lookup("shared").orElseThrow());
        a.send("shared", "to the first in address order");
        assertEquals(Optional.of("to the first in address order"), onB.receive(String.class, WAIT));
    }

    @Test
    void aLostNodeTakesItsClaimsAndAReconnectBringsThemBack() {
        LoopbackTransport.join(a, b);
        Mailbox before = a.newMailbox();
        a.names().register("before", before.address());
        await().until(() -> b.names().lookup("before").isPresent());

        LoopbackTransport.between(a, b).cut();
        assertEquals(Optional.empty(), b.names().lookup("before"), "dropped as the node went down");
        Mailbox during = a.newMailbox();
        a.names().register("during", during.address());
        before.close(); // released while cut: b must not get it back

        LoopbackTransport.between(a, b).reconnect();
        await().until(() -> b.names().lookup("during").isPresent());
        assertEquals(Optional.empty(), b.names().lookup("before"));
        assertEquals(during.address(), b.names().lookup("during").orElseThrow());
    }

    @Test
    void aNodeSpeaksForItsOwnMailboxesOnly() {
        LoopbackTransport.join(a, b);
        Mailbox onC = c.newMailbox();
        var intoB = LoopbackTransport.between(b, a).context();
        intoB.remoteClaimChanged(a.id(), new NameClaim("forged", onC.address()), true);
        intoB.remoteClaims(a.id(), List.of(new NameClaim("forged", onC.address())));
        assertEquals(List.of(), b.names().lookupAll("forged"));
    }

    @Test
    void theLossOfAnEarlierRunDropsOnlyThatRunsClaims() {
        LoopbackTransport.join(a, b);
        var intoB = LoopbackTransport.between(b, a).context();
        NodeId earlierRun = new NodeId(a.id().name(), a.id().incarnation() == 1 ? 2 : a.id().incarnation() - 1);
        Address ofEarlierRun = Address.of(earlierRun, 7);
        Mailbox current = a.newMailbox();
        a.names().register("current", current.address());
        await().until(() -> b.names().lookup("current").isPresent());
        intoB.remoteClaimChanged(earlierRun, new NameClaim("old", ofEarlierRun), true);
        assertTrue(b.names().lookup("old").isPresent());

        intoB.nodeDown(earlierRun, "gone");
        assertEquals(Optional.empty(), b.names().lookup("old"));
        assertEquals(current.address(), b.names().lookup("current").orElseThrow());
    }
}
