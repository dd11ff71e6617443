package io.jreign.otp.dist;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket readers: platform threads up to the limit, virtual threads beyond; the count is given back. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReaderThreadsTest {

    @Test
    void platformThreadsUpToTheLimitThenVirtualOnesAndTheLimitIsGivenBack() throws Exception {
        ReaderThreads readers = new ReaderThreads(Scheduler.virtualThreads(Clock.system()), 2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable reading = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread first = readers.start("r1", reading);
        Thread second = readers.start("r2", reading);
        Thread third = readers.start("r3", reading);
        assertFalse(first.isVirtual());
        assertFalse(second.isVirtual());
        assertTrue(first.isDaemon(), "a reader never keeps the JVM up");
        assertTrue(third.isVirtual(), "over the limit");
        assertEquals(2, readers.platformReaders());
        release.countDown();
        for (Thread reader : new Thread[] {first, second, third}) {
            assertTrue(reader.join(Duration.ofSeconds(10)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> readers.platformReaders() == 0);
        assertFalse(readers.start("r4", () -> { }).isVirtual(), "the ended readers gave their places back");
    }
}
