package io.jreign.otp.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Reason;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** spawn_link's atomic link and exit/2 sent to oneself, as Erlang/OTP 25 does them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessSemanticsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private EpmdServer epmd;
    private OtpNode node;

    @BeforeEach
    void start() throws Exception {
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        String name = "ps" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36) + "@localhost";
        node = OtpNode.start(OtpNodeConfig.of(name, "cookie").withEpmdPort(epmd.port()));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    @Test
    void aChildThatFailsAtOnceAlwaysReportsItsReasonNeverNoproc() {
        try (Proc parent = node.newProc()) {
            parent.trapExit(true);
            for (int i = 0; i < 300; i++) {
                Address child = parent.spawnLink(p -> {
                    throw new IllegalStateException("at once");
                });
                Exit exit = parent.receive(Exit.class, e -> e.from().equals(child), WAIT).orElseThrow();
                assertTrue(exit.reason() instanceof IllegalStateException e && e.getMessage().equals("at once"),
                        "round " + i + ": " + exit.reason());
            }
        }
    }

    @Test
    void theChildIsLinkedWhenItsFirstLineRuns() {
        try (Proc parent = node.newProc()) {
            AtomicBoolean linkedAtStart = new AtomicBoolean();
            Address[] self = new Address[1];
            Address child = parent.spawnLink(p -> {
                linkedAtStart.set(p.isLinked(parent.self()));
                self[0] = p.self();
                parent.self().send(Atom.OK);
                p.receive();
            });
            assertEquals(Atom.OK, parent.receive(WAIT).orElseThrow());
            assertTrue(linkedAtStart.get());
            assertEquals(child, self[0]);
            assertTrue(parent.isLinked(child));
            // the link works both ways: the parent's end kills the (untrapping) child
            Ref ref;
            try (Proc watcher = node.newProc()) {
                ref = watcher.monitor(child);
                parent.exit(Atom.of("parent_gone"));
                Down down = watcher.receive(Down.class, WAIT).orElseThrow();
                assertEquals(ref, down.ref());
                assertEquals(Atom.of("parent_gone"), down.reason());
            }
        }
    }

    @Test
    void aSpawnLinkFromAnUnreachableParentDiesBeforeRunning() {
        Address ghost = Address.of(new io.jreign.mailbox.NodeId("ghost@localhost", 1), 1);
        AtomicBoolean ran = new AtomicBoolean();
        try (Proc watcher = node.newProc()) {
            Address child = node.processes().spawnLink(ghost, null, p -> ran.set(true));
            Ref ref = watcher.monitor(child);
            Down down = watcher.receive(Down.class, WAIT).orElseThrow();
            assertEquals(ref, down.ref());
            assertTrue(down.reason() == Reason.NO_CONNECTION || down.reason() == Reason.NO_PROC, String.valueOf(down.reason()));
            assertTrue(!ran.get(), "the body never ran unlinked");
        }
    }

    @Test
    void exitSelfNormalKillsAnUntrappingProcessAtOnce() {
        AtomicBoolean after = new AtomicBoolean();
        try (Proc watcher = node.newProc()) {
            Address p = node.spawn(self -> {
                self.receive();
                self.exit(self.self(), Atom.of("normal"));
                after.set(true);
                self.receive();
            });
            Ref ref = watcher.monitor(p);
            p.send("go");
            assertEquals(Reason.NORMAL, watcher.receive(Down.class, d -> d.ref().equals(ref), WAIT).orElseThrow().reason());
            assertTrue(!after.get(), "no code ran after exit(self(), normal)");
        }
    }

    @Test
    void exitSelfNormalWhileTrappingIsAMessage() {
        try (Proc self = node.newProc()) {
            self.trapExit(true);
            self.exit(self.self(), Atom.of("normal"));
            assertEquals(new Exit(self.self(), Reason.NORMAL), self.receive(WAIT).orElseThrow());
            self.exit(self.self(), Atom.of("other"));
            assertEquals(new Exit(self.self(), Atom.of("other")), self.receive(WAIT).orElseThrow());
            assertTrue(!self.mailbox().isClosed());
        }
    }

    @Test
    void exitSelfKillIsUntrappableAndOtherReasonsKillAnUntrappingProcess() {
        try (Proc watcher = node.newProc()) {
            for (Object[] c : new Object[][] {{true, Atom.of("kill"), Reason.KILLED}, {false, Atom.of("kill"), Reason.KILLED},
                {false, Atom.of("boom"), Atom.of("boom")}}) {
                Address p = node.spawn(self -> {
                    self.trapExit((Boolean) c[0]);
                    self.receive();
                    self.exit(self.self(), c[1]);
                    self.receive();
                });
                Ref ref = watcher.monitor(p);
                p.send("go");
                assertEquals(c[2], watcher.receive(Down.class, d -> d.ref().equals(ref), WAIT).orElseThrow().reason());
            }
        }
    }

    @Test
    void exitNormalFromAnotherProcessIsIgnoredUnlessTrapping() {
        try (Proc sender = node.newProc(); Proc watcher = node.newProc()) {
            Address p = node.spawn(self -> {
                self.receive();
                self.exit(Atom.of("done")); // ends with its own reason if the normal signal did nothing
            });
            Ref ref = watcher.monitor(p);
            sender.exit(p, Atom.of("normal"));
            p.send("stop");
            assertEquals(Atom.of("done"), watcher.receive(Down.class, d -> d.ref().equals(ref), WAIT).orElseThrow().reason());

            Address trapping = node.spawn(self -> {
                self.trapExit(true);
                sender.self().send(Atom.OK);
                sender.self().send(self.receive());
            });
            assertEquals(Atom.OK, sender.receive(WAIT).orElseThrow());
            sender.exit(trapping, Atom.of("normal"));
            assertEquals(new Exit(sender.self(), Reason.NORMAL), sender.receive(WAIT).orElseThrow());
        }
    }
}
