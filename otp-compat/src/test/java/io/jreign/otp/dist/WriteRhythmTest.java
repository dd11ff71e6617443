package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Writes in quick succession make a burst (senders then queue); a gap ends it. */
class WriteRhythmTest {
    private static final long GAP = WriteRhythm.BURST_GAP_NANOS;

    @Test
    void aCallsRequestAfterTheLastCallsDemonitorIsNoBurst() {
        WriteRhythm rhythm = new WriteRhythm();
        long t = 1_000_000;
        for (int call = 0; call < 10; call++) {
            rhythm.wrote(t, t + 1_000); // the demonitor of the previous call
            t += 3_000;
            rhythm.wrote(t, t + 1_000); // the next request, right after it
            assertFalse(rhythm.inBurst(), "call " + call);
            t += 4 * GAP; // waiting for the reply
        }
    }

    @Test
    void backToBackWritesMakeABurstUntilAGap() {
        WriteRhythm rhythm = new WriteRhythm();
        long t = 1_000_000;
        rhythm.wrote(t, t + 1_000);
        assertFalse(rhythm.inBurst(), "a first write is never quick");
        for (int i = 0; i < WriteRhythm.MAX_QUICK; i++) {
            t += 2_000;
            rhythm.wrote(t, t + 1_000);
        }
        assertTrue(rhythm.inBurst());
        t += 2_000;
        rhythm.wrote(t, t + 1_000);
        assertTrue(rhythm.inBurst(), "still in it");
        t += 1_000 + GAP;
        rhythm.wrote(t, t + 1_000);
        assertFalse(rhythm.inBurst(), "a write after a gap ends it");
    }
}
