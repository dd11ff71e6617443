package io.jreign.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.otp.dist.BusyPolicy;
import io.jreign.otp.dist.ControlMessage;
import io.jreign.otp.dist.DistConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Binary;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.process.Proc;
import io.jreign.otp.testing.Erl;
import io.jreign.otp.testing.ErlPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Erlang's busy dist port, against a real erl that stops reading (SIGSTOP): the Java sender waits
 * at most busyTimeout, its message is dropped and counted (policy DROP), and once erl runs again
 * (SIGCONT) the same connection carries traffic as before.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BusyErlangIT {
    private static final Duration BUSY_WAIT = Duration.ofMillis(500);
    private static final String COOKIE = "jreign_busy_it";

    @Test
    void aStoppedErlMakesTheConnectionBusyAndTheSenderGivesUp() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        Path dir = Files.createTempDirectory("jreign-busy-it");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        Erl.compile("dist_peer", dir);
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
                OtpNode java = OtpNode.start(OtpNodeConfig.of("jb" + suffix + "@localhost", COOKIE)
                        .withEpmdPort(epmd.port())
                        .withDist(DistConfig.defaults().withBusy(256 << 10, BUSY_WAIT, BusyPolicy.DROP)));
                ErlPeer erl = ErlPeer.start(dir, "eb" + suffix + "@localhost", COOKIE, epmd.port(), java.name());
                Proc self = java.newProc()) {
            assertTrue(java.ping(erl.node(), Duration.ofSeconds(20)));
            signal(erl, "STOP");
            try {
                Binary chunk = Binary.of(new byte[64 << 10]);
                long refusedAfterMs = -1;
                int sent = 0;
                while (refusedAfterMs < 0 && sent < 200_000) {
                    long start = System.nanoTime();
                    if (java.dist().control(erl.node(), new ControlMessage.RegSend(self.self(), Atom.of("nobody")), chunk,
                            false)) {
                        sent++;
                    } else {
                        refusedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    }
                }
                System.out.printf("busy dist port: %d x 64 KiB queued or in flight before the connection to a stopped erl"
                        + " was busy; the next send gave up after %d ms (busyTimeout %d ms)%n", sent, refusedAfterMs,
                        BUSY_WAIT.toMillis());
                assertTrue(refusedAfterMs >= BUSY_WAIT.toMillis() - 5 && refusedAfterMs < 10_000,
                        "gave up after " + refusedAfterMs + " ms");
                // at least ours: other senders to the stopped node (global's name server, say) may have given up too
                assertTrue(java.dist().droppedWhileBusy() >= 1, "dropped " + java.dist().droppedWhileBusy());
            } finally {
                signal(erl, "CONT");
            }
            // running again, erl drains what was queued and the connection is as good as before
            assertEquals(List.of(Atom.of(java.name())), erl.rpc(java, self, Duration.ofSeconds(60), "erlang", "nodes"));
            self.send("echo", erl.node(), Tuple.of(self.self(), Atom.of("after")));
            assertEquals(Atom.of("after"), self.receive(Duration.ofSeconds(30)).orElseThrow());
            assertTrue(java.ping(erl.node(), Duration.ofSeconds(20)));
        } finally {
            Erl.deleteTree(dir);
        }
    }

    /** Sends SIGSTOP or SIGCONT to erl's process and its children. */
    private static void signal(ErlPeer erl, String signal) throws Exception {
        List<Long> pids = new java.util.ArrayList<>(List.of(erl.process().pid()));
        erl.process().descendants().forEach(child -> pids.add(child.pid()));
        for (long pid : pids) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        }
    }
}
