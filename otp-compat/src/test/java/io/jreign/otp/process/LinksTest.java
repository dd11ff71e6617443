package io.jreign.otp.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The link protocol's process-local state, transition by transition (ERTS Distribution Protocol, Link Protocol). */
class LinksTest {
    private static final NodeId ERL = new NodeId("erl@host", 3);
    private static final Address P = Address.of(ERL, 1);
    private static final Address Q = Address.of(new NodeId("other@host", 4), 2);
    private final Links links = new Links();

    @Test
    void linkSendsOnceAndUnlinkOnlyAnActiveLink() {
        assertTrue(links.linkSent(P), "first link/1 sends LINK");
        assertFalse(links.linkSent(P), "linked already: nothing to send");
        assertTrue(links.unlinkSent(P, 7), "unlink/1 of an active link sends UNLINK_ID");
        assertFalse(links.unlinkSent(P, 8), "already unlinking: nothing to send");
        assertFalse(links.unlinkSent(Q, 9), "no link: nothing to send");
        assertThrows(IllegalArgumentException.class, () -> links.unlinkSent(P, 0));
    }

    @Test
    void anExitSignalWhileUnlinkingIsDroppedAndClearsTheLink() {
        links.linkSent(P);
        links.unlinkSent(P, 7);
        assertFalse(links.isLinked(P));
        assertFalse(links.exitReceived(P), "dropped: the link is not active");
        assertEquals(List.of(), links.all(), "the information goes with it");
        links.unlinkAckReceived(P, 7);
        assertEquals(List.of(), links.all());
    }

    @Test
    void anExitSignalOfAnActiveLinkIsActedOn() {
        links.linkReceived(P);
        assertTrue(links.exitReceived(P));
        assertFalse(links.exitReceived(P), "and only once");
    }

    @Test
    void aLinkReceivedWhileUnlinkingIsIgnoredSoBothSidesEndUnlinked() {
        links.linkSent(P);
        links.unlinkSent(P, 7);
        links.linkReceived(P); // the peer linked again before it saw our UNLINK_ID
        assertFalse(links.isLinked(P));
        links.unlinkAckReceived(P, 7);
        assertEquals(List.of(), links.all());
    }

    @Test
    void linkingAgainBeforeTheAckKeepsTheNewLink() {
        links.linkSent(P);
        links.unlinkSent(P, 7);
        assertTrue(links.linkSent(P), "an inactive link is re-activated with a new LINK");
        links.unlinkAckReceived(P, 7); // the old unlink's ack: ignored
        assertTrue(links.isLinked(P));
        links.unlinkSent(P, 8);
        links.unlinkAckReceived(P, 7); // an older ack does not complete the newer unlink
        assertEquals(List.of(P), links.all());
        links.unlinkAckReceived(P, 8);
        assertEquals(List.of(), links.all());
    }

    @Test
    void anUnlinkReceivedRemovesAnActiveLinkButNotOursInProgress() {
        links.linkReceived(P);
        links.unlinkReceived(P);
        assertEquals(List.of(), links.all());
        links.linkSent(Q);
        links.unlinkSent(Q, 3);
        links.unlinkReceived(Q); // both sides unlink at once
        assertEquals(List.of(Q), links.all(), "ours stays until its ack");
        links.unlinkAckReceived(Q, 3);
        assertEquals(List.of(), links.all());
    }

    @Test
    void onlyActiveLinksGetExitSignalsAndANodeLossClearsItsLinks() {
        links.linkSent(P);
        links.linkSent(Q);
        Address p2 = Address.of(ERL, 9);
        links.linkSent(p2);
        links.unlinkSent(p2, 5);
        assertEquals(List.of(P, Q), links.active(), "a link being unlinked sends no exit signal (OTP-18177)");
        assertEquals(List.of(P), links.removeNode(ERL), "noconnection only for the active link");
        assertEquals(List.of(Q), links.all());
    }
}
