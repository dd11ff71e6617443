package io.jreign.otp.global;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.otp.etf.Atom;
import org.junit.jupiter.api.Test;

/** global's lock table: one requester id per resource, any number of holders, and what a holder's death means. */
class LockTableTest {
    private static final Atom GLOBAL = GlobalTerms.GLOBAL;
    private static final Address P1 = Address.of(new NodeId("a@h", 1), 1);
    private static final Address P2 = Address.of(new NodeId("b@h", 1), 2);
    private final LockTable locks = new LockTable(2);

    @Test
    void oneRequesterAtATimeWithManyHolders() {
        assertEquals(LockTable.SetResult.ADDED, locks.set(GLOBAL, "req", P1));
        assertEquals(LockTable.SetResult.ALREADY_HELD, locks.set(GLOBAL, "req", P1));
        assertEquals(LockTable.SetResult.ADDED, locks.set(GLOBAL, "req", P2));
        assertEquals(LockTable.SetResult.REFUSED, locks.set(GLOBAL, "other", P2));
        assertFalse(locks.canSet(GLOBAL, "other"));
        assertTrue(locks.delete(GLOBAL, "req", P1));
        assertFalse(locks.delete(GLOBAL, "req", P1), "released once");
        assertTrue(locks.globalLockSet());
        assertTrue(locks.delete(GLOBAL, "req", P2));
        assertFalse(locks.globalLockSet());
        assertTrue(locks.canSet(GLOBAL, "other"));
    }

    @Test
    void aHolderThatDiesFreesTheLockAndVoidsWhatReliedOnIt() {
        assertTrue(locks.stillSetFor(P1), "no lock and none went down");
        locks.set(GLOBAL, "req", P1);
        assertTrue(locks.stillSetFor(P1));
        assertFalse(locks.stillSetFor(P2));
        assertTrue(locks.stillSetForRequester("req"));
        assertEquals(1, locks.holderDown(P1));
        assertFalse(locks.globalLockSet());
        assertFalse(locks.stillSetFor(P1), "the global lock went down");
        assertFalse(locks.stillSetForRequester("req"));
        locks.set(GLOBAL, "req2", P2);
        locks.delete(GLOBAL, "req2", P2);
        assertTrue(locks.stillSetFor(P1), "a clean release clears the gone-down mark");
    }

    @Test
    void theTableIsBounded() {
        assertEquals(LockTable.SetResult.ADDED, locks.set("r1", "q", P1));
        assertEquals(LockTable.SetResult.ADDED, locks.set("r2", "q", P1));
        assertEquals(LockTable.SetResult.REFUSED, locks.set("r3", "q", P1));
        assertEquals(2, locks.size());
    }
}
