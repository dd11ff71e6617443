package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyStressTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Node node = Node.start("stress-test");

    record Numbered(int producer, int seq) {}

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void manyProducersOneConsumerLoseNothingAndKeepPerProducerOrder() throws Exception {
        int producers = 8;
        int perProducer = 50_000;
        Mailbox consumer = node.newMailbox();
        List<Thread> threads = startProducers(consumer.address(), producers, perProducer);
        int[] next = new int[producers];
        for (int i = 0; i < producers * perProducer; i++) {
            Numbered message = consumer.receive(Numbered.class, WAIT).orElseThrow();
            assertEquals(next[message.producer()]++, message.seq(), "order of producer " + message.producer());
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, consumer.size());
    }

    @Test
    void selectiveReceiveUnderConcurrentSendsTakesEachProducerInOrder() throws Exception {
        int producers = 4;
        int perProducer = 5_000;
        Mailbox consumer = node.newMailbox();
        List<Thread> threads = startProducers(consumer.address(), producers, perProducer);
        // Round robin over producers: every receive skips the other producers' messages.
        for (int seq = 0; seq < perProducer; seq++) {
            for (int p = 0; p < producers; p++) {
                int producer = p;
                Numbered message = consumer.receive(Numbered.class, m -> m.producer() == producer, WAIT).orElseThrow();
                assertEquals(seq, message.seq());
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, consumer.size());
    }

    @Test
    void closeDuringABlockedReceiveWakesItWithTheReason() throws Exception {
        for (int round = 0; round < 500; round++) {
            Mailbox mailbox = node.newMailbox();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    mailbox.receive(m -> false);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            mailbox.address().send("never matches");
            mailbox.close("round " + round);
            MailboxClosedException thrown = assertInstanceOf(MailboxClosedException.class, outcome.get(10, TimeUnit.SECONDS));
            assertEquals("round " + round, thrown.reason());
            reader.join();
        }
    }

    @Test
    void sendsRacingCloseAreEachReceivedOrCountedExactlyOnce() throws Exception {
        long before = dropped();
        int rounds = 200;
        int senders = 4;
        int perSender = 500;
        long received = 0;
        for (int round = 0; round < rounds; round++) {
            Mailbox mailbox = node.newMailbox();
            AtomicLong receivedThisRound = new AtomicLong();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        mailbox.receive();
                        receivedThisRound.incrementAndGet();
                    }
                } catch (MailboxClosedException expected) {
                    // the close ends the reader
                }
            });
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    awaitQuietly(go);
                    for (int i = 0; i < perSender; i++) {
                        mailbox.address().send(i);
                    }
                }));
            }
            go.countDown();
            mailbox.close();
            for (Thread thread : threads) {
                thread.join();
            }
            reader.join();
            received += receivedThisRound.get();
        }
        long sent = (long) rounds * senders * perSender;
        assertEquals(sent, received + dropped() - before, "every message received or counted, once");
    }

    @Test
    void waitingForAMatchWithUnmatchedMessagesQueuedBurnsNoCpu() throws Exception {
        // reign's selective receive spun a core while unmatched messages waited.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Mailbox mailbox = node.newMailbox();
        for (int i = 0; i < 1_000; i++) {
            mailbox.address().send("unmatched " + i);
        }
        CompletableFuture<Long> cpuNanos = new CompletableFuture<>();
        Thread platform = Thread.ofPlatform().start(() -> {
            long start = threads.getCurrentThreadCpuTime();
            mailbox.receive(m -> m.equals("never"), Duration.ofMillis(500));
            cpuNanos.complete(threads.getCurrentThreadCpuTime() - start);
        });
        long cpu = cpuNanos.get(10, TimeUnit.SECONDS);
        platform.join();
        assertTrue(cpu < TimeUnit.MILLISECONDS.toNanos(100), "receiver used " + cpu / 1_000_000 + " ms of CPU in 500 ms");
        assertEquals(1_000, mailbox.size());
    }

    private long dropped() {
        NodeStats stats = node.stats();
        return stats.droppedAtClose() + stats.droppedToClosed();
    }

    private static List<Thread> startProducers(Address to, int producers, int perProducer) {
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    to.send(new Numbered(producer, i));
                }
            }));
        }
        return threads;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
