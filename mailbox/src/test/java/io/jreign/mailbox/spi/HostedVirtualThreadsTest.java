package io.jreign.mailbox.spi;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The build runs tests with {@code --add-opens java.base/java.lang=ALL-UNNAMED}, so hosting is available here. */
class HostedVirtualThreadsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Times the busy handler of {@link Waiter} (a computation, not a wait). */
    private static final Clock SPIN_CLOCK = Clock.system();

    private final Clock clock = Clock.system();
    private final Scheduler hosted = Scheduler.hostedVirtualThreads(clock);

    @Test
    void aProcessWokenByANetworkThreadsBatchRunsItsSliceOnThatThreadBeforeTheBatchReturns() throws Exception {
        Waiter waiter = new Waiter(hosted, 0);
        AtomicReference<String> seenWhenBatchReturned = new AtomicReference<>();
        Thread network = Thread.ofPlatform().name("network-1").start(() -> {
            waiter.go.set(true);
            hosted.unparkBatch(new Thread[] {waiter.thread}, 1);
            seenWhenBatchReturned.set(waiter.ranOn.get());
        });
        network.join(WAIT);
        assertNotNull(seenWhenBatchReturned.get(), "the woken slice had not run when the batch returned");
        assertTrue(seenWhenBatchReturned.get().endsWith("@network-1"), seenWhenBatchReturned.get());
    }

    @Test
    void withoutHostingTheSameBatchWakesTheProcessOnTheCarrierPool() throws Exception {
        Scheduler pooled = Scheduler.virtualThreads(clock);
        Waiter waiter = new Waiter(pooled, 0);
        Thread network = Thread.ofPlatform().name("network-2").start(() -> {
            waiter.go.set(true);
            pooled.unparkBatch(new Thread[] {waiter.thread}, 1);
        });
        network.join(WAIT);
        await().atMost(WAIT).until(() -> waiter.ranOn.get() != null);
        assertTrue(waiter.ranOn.get().contains("ForkJoinPool"), waiter.ranOn.get());
    }

    @Test
    void slicesPastTheBudgetGoToTheCarrierPoolSoTheNetworkThreadGetsBackToItsSocket() throws Exception {
        long spin = TimeUnit.NANOSECONDS.toMillis(HostedExecutor.BUDGET_NANOS) * 5; // a handler that computes
        Waiter busy = new Waiter(hosted, spin);
        Waiter next = new Waiter(hosted, 0);
        Thread network = Thread.ofPlatform().name("network-3").start(() -> {
            busy.go.set(true);
            next.go.set(true);
            hosted.unparkBatch(new Thread[] {busy.thread, next.thread}, 2);
        });
        network.join(WAIT);
        assertTrue(busy.ranOn.get().endsWith("@network-3"), busy.ranOn.get());
        await().atMost(WAIT).until(() -> next.ranOn.get() != null);
        assertTrue(next.ranOn.get().contains("ForkJoinPool"), next.ranOn.get());
    }

    @Test
    void aBatchUnparkedFromAVirtualThreadIsNotHosted() throws Exception {
        Waiter waiter = new Waiter(hosted, 0);
        Thread.ofVirtual().start(() -> {
            waiter.go.set(true);
            hosted.unparkBatch(new Thread[] {waiter.thread}, 1);
        }).join(WAIT);
        await().atMost(WAIT).until(() -> waiter.ranOn.get() != null);
        assertTrue(waiter.ranOn.get().contains("ForkJoinPool"), waiter.ranOn.get());
    }

    @Test
    void aHostedProcessWokenByAnythingElseRunsOnThePoolAndItsTimedParksEndOnTime() throws Exception {
        AtomicReference<String> afterPlainUnpark = new AtomicReference<>();
        long[] timedWait = new long[1];
        AtomicBoolean second = new AtomicBoolean();
        Waiter waiter = new Waiter(hosted, 0, () -> {
            while (!second.get()) {
                hosted.park(this, Long.MAX_VALUE);
            }
            afterPlainUnpark.set(Thread.currentThread().toString());
            long start = clock.nanoTime();
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(30);
            while (clock.nanoTime() - deadline < 0) {
                hosted.park(this, deadline);
            }
            timedWait[0] = clock.nanoTime() - start;
        });
        Thread.ofPlatform().name("network-4").start(() -> {
            waiter.go.set(true);
            hosted.unparkBatch(new Thread[] {waiter.thread}, 1);
        }).join(WAIT);
        assertTrue(waiter.ranOn.get().endsWith("@network-4"), waiter.ranOn.get());
        await().atMost(WAIT).until(() -> waiter.thread.getState() == Thread.State.WAITING);
        second.set(true);
        hosted.unpark(waiter.thread);
        assertTrue(waiter.thread.join(WAIT));
        assertTrue(afterPlainUnpark.get().contains("ForkJoinPool"), afterPlainUnpark.get());
        assertTrue(timedWait[0] >= TimeUnit.MILLISECONDS.toNanos(30), "woke after " + timedWait[0] + " ns");
    }

    @Test
    void withoutTheJvmFlagAskingForHostingFailsNamingTheFlag() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                HostingUnavailableMain.class.getName())).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        String output = output(child);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("available=false"), output);
        assertTrue(output.contains("--add-opens java.base/java.lang=ALL-UNNAMED"), output);
        assertTrue(Scheduler.hostingAvailable());
    }

    private static String output(Process child) throws IOException {
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A process that parks until {@code go}, records the thread it then runs on, spins, and runs {@code rest}. */
    private static final class Waiter {
        final AtomicBoolean go = new AtomicBoolean();
        final AtomicReference<String> ranOn = new AtomicReference<>();
        final Thread thread;

        Waiter(Scheduler scheduler, long spinMillis) {
            this(scheduler, spinMillis, () -> {});
        }

        Waiter(Scheduler scheduler, long spinMillis, Runnable rest) {
            thread = scheduler.start("waiter", () -> {
                while (!go.get()) {
                    scheduler.park(this, Long.MAX_VALUE);
                }
                ranOn.set(Thread.currentThread().toString());
                long until = SPIN_CLOCK.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spinMillis);
                while (SPIN_CLOCK.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
                rest.run();
            });
            await().atMost(WAIT).until(() -> thread.getState() == Thread.State.WAITING);
        }
    }
}
