package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A sender's direct write is given up once, after the timeout, and then its sender knows it. */
class DirectWriteWatchTest {
    private static final long TIMEOUT = 1_000;

    @Test
    void aWriteThatEndsInTimeIsNeverGivenUp() {
        DirectWriteWatch watch = new DirectWriteWatch();
        assertFalse(watch.expire(5_000, TIMEOUT), "no write in progress");
        watch.begin(10_000);
        assertFalse(watch.expire(10_999, TIMEOUT), "not yet");
        assertTrue(watch.end(), "written");
        assertFalse(watch.expire(20_000, TIMEOUT), "over: nothing to give up");
    }

    @Test
    void aWriteOverTheTimeoutIsGivenUpOnceAndItsSenderTold() {
        DirectWriteWatch watch = new DirectWriteWatch();
        watch.begin(10_000);
        assertTrue(watch.expire(11_000, TIMEOUT));
        assertFalse(watch.expire(12_000, TIMEOUT), "given up once: the message is counted once");
        assertFalse(watch.end(), "the sender learns its message was dropped");
        watch.begin(13_000);
        assertTrue(watch.end(), "the next write starts afresh");
    }

    @Test
    void clockReadingsAtTheEndsOfTheRangeAreStillWrites() {
        DirectWriteWatch watch = new DirectWriteWatch();
        watch.begin(Long.MIN_VALUE);
        assertTrue(watch.expire(Long.MIN_VALUE + 2 + TIMEOUT, TIMEOUT));
        assertFalse(watch.end());
    }
}
