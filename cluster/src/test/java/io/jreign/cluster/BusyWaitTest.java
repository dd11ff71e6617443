package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.Messages.Forward;
import io.jreign.cluster.Messages.Ping;
import io.jreign.cluster.Messages.Pong;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes built with {@link ClusterNode.Builder#busyWait}: event loops that poll before they sleep. */
class BusyWaitTest {
    /** Far longer than a reply takes, far shorter than the busy wait a queued write must not sit out. */
    private static final Duration REPLY = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private static Address echo(ClusterNode at, ClusterNode from) {
        return from.node().bind(at.node().spawn(self -> {
            while (true) {
                if (self.receive() instanceof Ping(Address sender, int n)) {
                    sender.send(new Pong(self.address(), n));
                }
            }
        }));
    }

    @Test
    void aWriteFromAProcessOnAPoolThreadIsNotHeldUpByALoopThatPolls() {
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            // Not hosted: every send is a task queued for a loop that is polling, not sleeping, so
            // no one wakes it; it must notice the task itself, not after its one-second poll.
            ClusterNode a = cluster.track(ClusterNode.builder(cluster.spec, "a").busyWait(Duration.ofSeconds(1)).start());
            ClusterNode b = cluster.track(ClusterNode.builder(cluster.spec, "b").busyWait(Duration.ofSeconds(1)).start());
            awaitConnected(a, b);
            Address echo = echo(b, a);
            try (Mailbox results = a.node().newMailbox()) {
                Address report = results.address();
                a.node().spawn(self -> {
                    String outcome = "ok";
                    for (int i = 0; i < 50 && outcome.equals("ok"); i++) {
                        echo.send(new Ping(self.address(), i));
                        int sent = i;
                        if (self.receive(Pong.class, pong -> pong.n() == sent, REPLY).isEmpty()) {
                            outcome = "no reply to call " + i + " within " + REPLY;
                        }
                    }
                    report.send(new Forward(List.of(), outcome));
                });
                assertEquals("ok", results.receive(Forward.class, Duration.ofSeconds(60)).orElseThrow().text());
            }
        }
    }

    @Test
    void hostedNodesThatPollKeepEverySendersOrder() {
        int senders = 16;
        int each = 2_000;
        try (TestCluster cluster = new TestCluster(dir, "a", "b")) {
            ClusterNode a = cluster.track(ClusterNode.builder(cluster.spec, "a").hostedProcesses(true)
                    .busyWait(Duration.ofMillis(1)).start());
            ClusterNode b = cluster.track(ClusterNode.builder(cluster.spec, "b").hostedProcesses(true)
                    .busyWait(Duration.ofMillis(1)).start());
            awaitConnected(a, b);
            Address echo = echo(b, a);
            try (Mailbox results = a.node().newMailbox()) {
                Address report = results.address();
                for (int s = 0; s < senders; s++) {
                    a.node().spawn(self -> {
                        String outcome = "ok";
                        for (int n = 0; n < each && outcome.equals("ok"); n++) {
                            echo.send(new Ping(self.address(), n));
                            Pong pong = self.receive(Pong.class, Duration.ofSeconds(30)).orElse(null);
                            if (pong == null || pong.n() != n) {
                                outcome = "call " + n + " got " + pong;
                            }
                        }
                        report.send(new Forward(List.of(), outcome));
                    });
                }
                for (int s = 0; s < senders; s++) {
                    assertEquals("ok", results.receive(Forward.class, Duration.ofSeconds(120)).orElseThrow().text());
                }
            }
            assertEquals(0, a.stats().droppedQueueFull() + a.stats().droppedUndeliverable() + a.stats().droppedStale());
        }
    }

    @Test
    void aBusyWaitOutsideZeroToOneSecondIsRefused() {
        try (TestCluster cluster = new TestCluster(dir, "a")) {
            ClusterNode.Builder builder = ClusterNode.builder(cluster.spec, "a");
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> builder.busyWait(Duration.ofNanos(-1)));
            assertTrue(negative.getMessage().contains("busyWait"), negative.getMessage());
            assertThrows(IllegalArgumentException.class, () -> builder.busyWait(Duration.ofMillis(1_001)));
            assertThrows(NullPointerException.class, () -> builder.busyWait(null));
        }
    }
}
