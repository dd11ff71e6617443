package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Node node = Node.start("process-test");
    private final Mailbox probe = node.newMailbox();

    record Ping(Address from) {}

    record Pong(Address from) {}

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void twoProcessesTalk() {
        Address echo = node.spawn(self -> {
            while (true) {
                if (self.receive() instanceof Ping(Address from)) {
                    from.send(new Pong(self.address()));
                }
            }
        });
        for (int i = 0; i < 100; i++) {
            echo.send(new Ping(probe.address()));
            assertEquals(new Pong(echo), probe.receive(Pong.class, WAIT).orElseThrow());
        }
    }

    @Test
    void returningClosesWithNormal() {
        Address process = node.spawn(self -> self.receive());
        process.onCloseNotify(probe.address());
        process.send("stop");
        assertEquals(new CloseNotification(process, Reason.NORMAL), probe.receive(WAIT).orElseThrow());
    }

    @Test
    void throwingClosesWithTheException() {
        IllegalStateException boom = new IllegalStateException("boom (expected by the test)");
        Address process = node.spawn(self -> {
            self.receive();
            throw boom;
        });
        process.onCloseNotify(probe.address());
        process.send("go");
        assertEquals(new CloseNotification(process, boom), probe.receive(WAIT).orElseThrow());
    }

    @Test
    void killClosesWithTheReasonAndUnblocksAnInterruptibleWait() throws Exception {
        CountDownLatch neverOpened = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        Address sleeper = node.spawn(self -> {
            waiting.countDown();
            neverOpened.await(); // blocked outside receive: only the interrupt gets it out
        });
        sleeper.onCloseNotify(probe.address());
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        assertTrue(node.kill(sleeper, "killed by test"));
        assertEquals(new CloseNotification(sleeper, "killed by test"), probe.receive(WAIT).orElseThrow());
        assertFalse(node.kill(sleeper, "again"), "already dead");
    }

    @Test
    void killWhileBlockedInReceiveKeepsTheKillReason() {
        Address process = node.spawn(self -> {
            while (true) {
                self.receive();
            }
        });
        process.onCloseNotify(probe.address());
        node.kill(process, Reason.KILLED);
        assertEquals(new CloseNotification(process, Reason.KILLED), probe.receive(WAIT).orElseThrow());
    }

    @Test
    void spawnWithANameIsReachableAtOnceByName() {
        Address named = node.spawn("greeter", self -> {
            Ping ping = self.receive(Ping.class);
            ping.from().send("hello");
        });
        assertEquals(Optional.of(named), node.whereis("greeter"));
        named.onCloseNotify(probe.address());
        node.send("greeter", new Ping(probe.address()));
        assertEquals("hello", probe.receive(WAIT).orElseThrow());
        assertEquals(new CloseNotification(named, Reason.NORMAL), probe.receive(WAIT).orElseThrow());
        assertEquals(Optional.empty(), node.whereis("greeter"), "released on close");
    }

    @Test
    void sendingToAnUnknownNameFailsClearly() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> node.send("nobody", "hi"));
        assertEquals("nobody", e.name());
        assertTrue(e.getMessage().contains("nobody"));
    }

    @Test
    void closingTheNodeShutsEveryProcessDown() throws Exception {
        CompletableFuture<Object> exit = new CompletableFuture<>();
        CountDownLatch receiving = new CountDownLatch(1);
        node.spawn(self -> {
            try {
                receiving.countDown();
                self.receive();
            } catch (MailboxClosedException e) {
                exit.complete(e.reason());
                throw e;
            }
        });
        assertTrue(receiving.await(5, TimeUnit.SECONDS));
        node.close();
        assertEquals(Reason.SHUTDOWN, exit.get(5, TimeUnit.SECONDS));
        assertTrue(probe.isClosed());
        assertEquals(Optional.of(Reason.SHUTDOWN), probe.closeReason());
        assertThrows(IllegalStateException.class, node::newMailbox);
        assertEquals(0, node.stats().openMailboxes());
    }
}
