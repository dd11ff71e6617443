package io.jreign.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.Entropy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reconnect delays double from the minimum to the maximum, jittered in the upper half, from the entropy seam. */
class BackoffTest {
    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(5);

    @Test
    void delaysDoubleUpToTheMaximumWithJitterInTheUpperHalf() {
        Backoff backoff = new Backoff(MIN, MAX, Entropy.seeded(1));
        for (int failures = 0; failures < 40; failures++) {
            long base = Math.min(MAX.toMillis(), MIN.toMillis() << Math.min(failures, 20));
            for (int draw = 0; draw < 50; draw++) {
                long delay = backoff.delay(failures).toMillis();
                assertTrue(delay >= base / 2 && delay <= base, failures + " failures: " + delay + " ms not in [" + base / 2 + ", " + base + "]");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff one = new Backoff(MIN, MAX, Entropy.seeded(42).split("cluster"));
        Backoff two = new Backoff(MIN, MAX, Entropy.seeded(42).split("cluster"));
        for (int failures = 0; failures < 10; failures++) {
            assertEquals(one.delay(failures), two.delay(failures));
        }
    }
}
