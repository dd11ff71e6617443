package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembersTest {
    static final NodeId TWO = new NodeId("2", 7);
    static final NodeId TWO_AGAIN = new NodeId("2", 8);
    static final NodeId THREE = new NodeId("3", 1);

    final Members members = new Members();

    @Test
    void aNodeIsOnlineOnlyOnceItsChatterIsFound() {
        assertTrue(members.up(TWO));
        assertFalse(members.up(TWO), "the same run twice is one member");
        assertEquals(List.of(), members.online());
        assertEquals(1, members.attempt(TWO));
        assertEquals(2, members.attempt(TWO));
        assertTrue(members.found(TWO, Address.of(TWO, 5)));
        assertFalse(members.found(TWO, Address.of(TWO, 5)), "found once");
        assertEquals(0, members.attempt(TWO), "no more lookups once found");
        assertEquals(List.of(Address.of(TWO, 5)), members.chatters());
        assertEquals(List.of("2"), members.online());
    }

    @Test
    void aChatterOfAnotherRunOrNodeIsNotTakenForTheAwaitedOne() {
        members.up(TWO);
        assertFalse(members.found(TWO, Address.of(TWO_AGAIN, 5)));
        assertFalse(members.found(THREE, Address.of(THREE, 1)), "3 is not up");
        assertEquals(List.of(), members.online());
    }

    @Test
    void aLeaveIsReportedByWhicheverOfCloseAndDownComesFirstAndOnlyOnce() {
        members.up(TWO);
        members.found(TWO, Address.of(TWO, 5));
        assertEquals(Optional.of(new Members.Online(TWO, Address.of(TWO, 5))), members.closed(Address.of(TWO, 5)));
        assertEquals(Optional.empty(), members.down(TWO));
        assertEquals(Optional.empty(), members.closed(Address.of(TWO, 5)));

        members.up(THREE);
        members.found(THREE, Address.of(THREE, 9));
        assertEquals(Optional.of(new Members.Online(THREE, Address.of(THREE, 9))), members.down(THREE));
        assertEquals(Optional.empty(), members.closed(Address.of(THREE, 9)));
        assertEquals(List.of(), members.online());
    }

    @Test
    void aDownOfAnEarlierRunDoesNotRemoveTheCurrentOne() {
        members.up(TWO);
        members.found(TWO, Address.of(TWO, 5));
        assertEquals(Optional.of(new Members.Online(TWO, Address.of(TWO, 5))), members.otherRunOnline(TWO_AGAIN));
        members.up(TWO_AGAIN);
        members.found(TWO_AGAIN, Address.of(TWO_AGAIN, 1));
        assertEquals(Optional.empty(), members.down(TWO));
        assertEquals(Optional.empty(), members.closed(Address.of(TWO, 5)));
        assertEquals(List.of(Address.of(TWO_AGAIN, 1)), members.chatters());
    }

    @Test
    void givingUpForgetsOnlyAnAwaitedNode() {
        members.up(TWO);
        members.giveUp(TWO);
        assertEquals(0, members.attempt(TWO));
        members.up(THREE);
        members.found(THREE, Address.of(THREE, 1));
        members.giveUp(THREE);
        assertEquals(List.of("3"), members.online());
    }
}
