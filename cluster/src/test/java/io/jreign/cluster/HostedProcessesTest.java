package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.Messages.Forward;
import io.jreign.cluster.Messages.Ping;
import io.jreign.cluster.Messages.Pong;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.spi.Clock;
import io.jreign.mailbox.spi.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes built with {@link ClusterNode.Builder#hostedProcesses}: a process woken by a message from
 * a peer runs on the event loop that read it, and the cluster's guarantees hold there too.
 */
class HostedProcessesTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static ClusterNode hosted(TestCluster cluster, String name) {
        return cluster.track(ClusterNode.builder(cluster.spec, name).hostedProcesses(true).start());
    }

    /** The thread carrying the calling virtual thread: {@code VirtualThread[#id]/runnable@CARRIER}. */
    private static String carrier() {
        String thread = Thread.currentThread().toString();
        return thread.substring(thread.indexOf('@') + 1);
    }

    /**
     * Waits until {@code process} is parked in a receive. A message that arrives before its
     * receiver parks wakes no one: the receiver goes on on its own carrier, not the event loop.
     */
    private static void awaitParked(AtomicReference<Thread> process) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> parkedInReceive(process.get()));
    }

    private static boolean parkedInReceive(Thread process) {
        return process != null
                && (process.getState() == Thread.State.WAITING || process.getState() == Thread.State.TIMED_WAITING)
                && Arrays.stream(process.getStackTrace()).anyMatch(frame ->
                        frame.getClassName().startsWith("io.jreign.mailbox.") && frame.getMethodName().startsWith("receive"));
    }

    @Test
    void aProcessWokenByAMessageFromAPeerRunsOnTheEventLoopThatReadIt() {
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            ClusterNode a = hosted(cluster, "a");
            ClusterNode b = hosted(cluster, "b");
            awaitConnected(a, b);
            AtomicReference<Thread> echoThread = new AtomicReference<>();
            AtomicReference<Thread> callerThread = new AtomicReference<>();
            Address echo = a.node().bind(b.node().spawn(self -> {
                echoThread.set(Thread.currentThread());
                while (true) {
                    if (self.receive() instanceof Ping(Address from, int n)) {
                        String ranOn = carrier();
                        awaitParked(callerThread);
                        from.send(new Forward(List.of(), ranOn));
                    }
                }
            }));
            try (Mailbox results = a.node().newMailbox()) {
                Address report = results.address();
                a.node().spawn(self -> {
                    callerThread.set(Thread.currentThread());
                    for (int i = 0; i < 20; i++) {
                        awaitParked(echoThread);
                        echo.send(new Ping(self.address(), i));
                        Forward answer = self.receive(Forward.class, WAIT).orElseThrow();
                        report.send(new Forward(List.of(), answer.text() + " " + carrier()));
                    }
                });
                for (int i = 0; i < 20; i++) {
                    String[] carriers = results.receive(Forward.class, WAIT).orElseThrow().text().split(" ");
                    assertTrue(carriers[0].startsWith("jreign-cluster-b"), "the echo ran on " + carriers[0]);
                    assertTrue(carriers[1].startsWith("jreign-cluster-a"), "the caller ran on " + carriers[1]);
                }
            }
        }
    }

    @Test
    void hundredThousandMessagesFromSixteenHostedSendersHeldBackByASmallQueueArriveInOrder() {
        int senders = 16;
        int each = 6_250;
        int window = 1_000; // a sender waits for the receiver's ack every `window` messages: woken on the event loop
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            cluster.limits("""
                    {"maxFrameSize": "16KiB", "outboundQueue": "16KiB"}""");
            ClusterNode a = hosted(cluster, "a");
            ClusterNode b = hosted(cluster, "b");
            awaitConnected(a, b);
            try (Mailbox results = b.node().newMailbox()) {
                Address report = results.address();
                Address receiver = a.node().bind(b.node().spawn(self -> {
                    Map<Address, Integer> next = new HashMap<>();
                    String outcome = "ok";
                    for (int i = 0; i < senders * each && outcome.equals("ok"); i++) {
                        Ping ping = self.receive(Ping.class, LONG).orElse(null);
                        if (ping == null) {
                            outcome = "only " + i + " messages arrived";
                        } else if (ping.n() != next.getOrDefault(ping.from(), 0)) {
                            outcome = ping.from() + " sent " + ping.n() + " where " + next.get(ping.from()) + " was next";
                        } else {
                            next.put(ping.from(), ping.n() + 1);
                            if ((ping.n() + 1) % window == 0) {
                                ping.from().send(new Pong(self.address(), ping.n()));
                            }
                        }
                    }
                    report.send(new Forward(List.of(), outcome + " from " + next.size() + " senders"));
                }));
                for (int s = 0; s < senders; s++) {
                    a.node().spawn(self -> {
                        for (int n = 0; n < each; n++) {
                            receiver.send(new Ping(self.address(), n));
                            int sent = n;
                            if ((n + 1) % window == 0) {
                                self.receive(Pong.class, pong -> pong.n() == sent, LONG).orElseThrow();
                            }
                        }
                    });
                }
                assertEquals("ok from 16 senders", results.receive(Forward.class, LONG).orElseThrow().text());
            }
            assertEquals(senders * each, a.stats().messagesSent());
            assertEquals(0, a.stats().droppedQueueFull() + a.stats().droppedUndeliverable() + a.stats().droppedStale());
        }
    }

    @Test
    void hostedProcessesAndAnExplicitSchedulerAreRefusedTogether() {
        try (TestCluster cluster = new TestCluster(dir, "a")) {
            ClusterNode.Builder builder = ClusterNode.builder(cluster.spec, "a").hostedProcesses(true)
                    .scheduler(Scheduler.virtualThreads(Clock.system()));
            IllegalStateException refused = assertThrows(IllegalStateException.class, builder::start);
            assertTrue(refused.getMessage().contains("scheduler"), refused.getMessage());
        }
    }
}
