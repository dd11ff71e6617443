package io.jreign.mailbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.DeferredWakes;
import io.jreign.mailbox.spi.Scheduler;
import io.jreign.mailbox.spi.TransportContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A transport's batch of deliveries wakes each parked receiver once, at the batch's end. */
class DeferredWakesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Node a = Node.start("wakes-a");
    private final Node b = Node.start("wakes-b");

    @AfterEach
    void closeNodes() {
        a.close();
        b.close();
    }

    @Test
    void aParkedReceiverIsWokenOnceAtFlushAndFindsTheWholeBatchInOrder() throws Exception {
        TransportContext intoB = joinedContextOfB();
        Mailbox inbox = b.newMailbox();
        ConcurrentLinkedQueue<Object> received = new ConcurrentLinkedQueue<>();
        Thread receiver = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100; i++) {
                received.add(inbox.receive());
            }
        });
        await().atMost(WAIT).until(() -> inbox.waitingReader() == receiver);

        DeferredWakes wakes = new DeferredWakes(b.scheduler());
        for (int i = 0; i < 100; i++) {
            intoB.deliver(inbox.address(), i, wakes);
        }
        assertEquals(1, wakes.pending(), "the parked receiver is remembered once, not unparked per message");

        wakes.flush();
        assertEquals(0, wakes.pending());
        assertTrue(receiver.join(WAIT), "the flush woke the receiver");
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, List.copyOf(received));
    }

    @Test
    void aReceiverThatIsNotParkedIsNotRemembered() {
        TransportContext intoB = joinedContextOfB();
        Mailbox inbox = b.newMailbox();
        DeferredWakes wakes = new DeferredWakes(b.scheduler());
        intoB.deliver(inbox.address(), "queued", wakes);
        assertEquals(0, wakes.pending());
        assertEquals("queued", inbox.receive(WAIT).orElseThrow());
    }

    @Test
    void pastItsCapacityTheOldestAreWokenAtOnceAndTheRestAtFlush() throws Exception {
        TransportContext intoB = joinedContextOfB();
        int receivers = 40;
        List<Mailbox> inboxes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            Mailbox inbox = b.newMailbox();
            inboxes.add(inbox);
            threads.add(Thread.ofVirtual().start(() -> inbox.receive()));
        }
        for (int i = 0; i < receivers; i++) {
            Mailbox inbox = inboxes.get(i);
            Thread thread = threads.get(i);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> inbox.waitingReader() == thread);
        }

        DeferredWakes wakes = new DeferredWakes(b.scheduler());
        int most = 0;
        for (Mailbox inbox : inboxes) {
            intoB.deliver(inbox.address(), "go", wakes);
            most = Math.max(most, wakes.pending());
        }
        assertEquals(32, most, "bounded");
        assertEquals(receivers - 32, wakes.pending());
        for (int i = 0; i < 32; i++) {
            assertTrue(threads.get(i).join(WAIT), "receiver " + i + " was woken when the batch overflowed");
        }
        wakes.flush();
        for (Thread thread : threads) {
            assertTrue(thread.join(WAIT));
        }
    }

    @Test
    void aDeliveryToAClosedMailboxIsCountedAndWakesNobody() {
        TransportContext intoB = joinedContextOfB();
        Mailbox inbox = b.newMailbox();
        inbox.close("gone");
        long before = b.stats().droppedToClosed();
        DeferredWakes wakes = new DeferredWakes(b.scheduler());
        intoB.deliver(inbox.address(), "late", wakes);
        assertEquals(0, wakes.pending());
        assertEquals(before + 1, b.stats().droppedToClosed());
    }

    /**
     * A receiver fed by a network thread parks as soon as it runs dry, without first yielding: the
     * JDK hands a yielded virtual thread back to its scheduler, which would move a hosted process
     * off the network thread (and wake an idle carrier for a pooled one), only for it to receive the
     * next batch there instead.
     */
    @Test
    void aHostedReceiverFedBatchAfterBatchReceivesEveryMessageOnTheNetworkThread() throws Exception {
        Node hostedB = Node.builder("wakes-hosted").scheduler(Scheduler.hostedVirtualThreads(Clock.system())).start();
        try {
            LoopbackTransport.join(a, hostedB);
            TransportContext intoB = LoopbackTransport.between(hostedB, a).context();
            Mailbox inbox = hostedB.newMailbox();
            int batches = 2_000;
            int perBatch = 4;
            ConcurrentLinkedQueue<String> elsewhere = new ConcurrentLinkedQueue<>();
            Thread receiver = hostedB.scheduler().start("fed", () -> {
                for (int i = 0; i < batches * perBatch; i++) {
                    inbox.receive();
                    String ranOn = Thread.currentThread().toString();
                    if (!ranOn.endsWith("@network-fed")) {
                        elsewhere.add(ranOn);
                    }
                }
            });
            await().atMost(WAIT).until(() -> inbox.waitingReader() == receiver);

            Thread network = Thread.ofPlatform().name("network-fed").start(() -> {
                DeferredWakes wakes = new DeferredWakes(hostedB.scheduler());
                for (int batch = 0; batch < batches; batch++) {
                    for (int i = 0; i < perBatch; i++) {
                        intoB.deliver(inbox.address(), i, wakes);
                    }
                    wakes.flush(); // runs the receiver here until it waits again
                }
            });
            assertTrue(network.join(WAIT));
            assertTrue(receiver.join(WAIT), "the receiver got every message");
            assertEquals(List.of(), List.copyOf(elsewhere).subList(0, Math.min(3, elsewhere.size())),
                    elsewhere.size() + " receives ran off the network thread");
        } finally {
            hostedB.close();
        }
    }

    private TransportContext joinedContextOfB() {
        LoopbackTransport.join(a, b);
        return LoopbackTransport.between(b, a).context();
    }
}
