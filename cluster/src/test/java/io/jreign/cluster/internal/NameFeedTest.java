package io.jreign.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.NameClaim;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed of local claims to one peer: sync first and in parts, then net changes, bounded under churn. */
class NameFeedTest {
    private static final NodeId SELF = new NodeId("a", 1);
    private static final int MAX = 1024;

    private static NameClaim claim(String name, long id) {
        return new NameClaim(name, Address.of(SELF, id));
    }

    @Test
    void theSyncComesFirstInPartsThenTheChangesInTheOrderMade() {
        NameFeed feed = new NameFeed();
        List<NameClaim> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(claim("name-" + i, i));
        }
        feed.open(7, many);
        assertTrue(feed.changed(claim("later", 1), true));
        assertTrue(feed.changed(claim("name-0", 0), false));

        List<Frame.Claim> synced = new ArrayList<>();
        Frame frame;
        boolean first = true;
        while ((frame = feed.next(7, MAX)) instanceof Frame.NameSync part) {
            assertEquals(first, part.first());
            assertTrue(part.size() <= MAX, "part of " + part.size() + " bytes");
            synced.addAll(part.claims());
            first = false;
            if (part.last()) {
                frame = feed.next(7, MAX);
                break;
            }
        }
        assertEquals(200, synced.size());
        assertEquals(new Frame.Claim(199, "name-199"), synced.getLast());
        Frame.NameChanges changes = assertInstanceOf(Frame.NameChanges.class, frame);
        assertEquals(List.of(new Frame.Change(true, 1, "later"), new Frame.Change(false, 0, "name-0")), changes.changes());
        assertNull(feed.next(7, MAX));
    }

    @Test
    void churnCancelsOutAndLeavesOnlyTheNetDifference() {
        NameFeed feed = new NameFeed();
        feed.open(1, List.of(claim("kept", 1)));
        for (int i = 0; i < 10_000; i++) {
            feed.changed(claim("churn-" + i, 2), true);
            assertFalse(feed.changed(claim("churn-" + i, 2), false));
        }
        feed.changed(claim("kept", 1), false);
        feed.changed(claim("kept", 1), true);
        assertEquals(0, feed.pendingChanges());
        feed.changed(claim("new", 3), true);
        assertEquals(1, feed.pendingChanges());
    }

    @Test
    void anotherConnectionGetsNothingOfTheLastOnesAndAClosedFeedKeepsNothing() {
        NameFeed feed = new NameFeed();
        assertFalse(feed.changed(claim("before-any", 1), true), "no connection: the next sync carries it");
        feed.open(1, List.of(claim("x", 1)));
        feed.changed(claim("y", 2), true);
        assertNull(feed.next(2, MAX), "a frame only for the connection it was opened for");
        feed.close();
        assertNull(feed.next(1, MAX));
        feed.open(2, List.of());
        Frame.NameSync empty = assertInstanceOf(Frame.NameSync.class, feed.next(2, MAX));
        assertTrue(empty.first() && empty.last() && empty.claims().isEmpty(), "an empty sync still goes");
        assertNull(feed.next(2, MAX));
    }

    @Test
    void onlyNamesTheWireCanCarryAreShared() {
        assertTrue(NameFeed.shareable("x".repeat(255)));
        assertFalse(NameFeed.shareable("x".repeat(256)));
        assertFalse(NameFeed.shareable("é".repeat(128)), "256 bytes of UTF-8");
        assertFalse(NameFeed.shareable("\uD800"), "a lone surrogate has no UTF-8");
        NameFeed feed = new NameFeed();
        feed.open(1, List.of(claim("x".repeat(300), 1), claim("ok", 2)));
        Frame.NameSync sync = assertInstanceOf(Frame.NameSync.class, feed.next(1, MAX));
        assertEquals(List.of(new Frame.Claim(2, "ok")), sync.claims());
    }
}
