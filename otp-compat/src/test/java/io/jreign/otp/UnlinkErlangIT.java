package io.jreign.otp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.mailbox.Address;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.process.Down;
import io.jreign.otp.process.Exit;
import io.jreign.otp.process.Proc;
import io.jreign.otp.testing.Erl;
import io.jreign.otp.testing.ErlFixture;
import io.jreign.otp.testing.ErlPeer;
import io.jreign.otp.testing.SignalTap;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The UNLINK_ID protocol against a real erl node (OTP 25), where an exit signal and an unlink
 * cross on the wire by themselves rather than in an order a script plays
 * ({@link UnlinkProtocolTest}). A {@link SignalTap} notes, for each round, whether the exit
 * signal of the link reached the Java process while its unlink was pending (the crossing), so
 * the tests prove the crossing happened and judge each round by what actually arrived:
 * <ul>
 *   <li>a Java process that unlinks an erl process which is exiting never gets its
 *       {@code {'EXIT', P, _}}, and keeps no link information once P's {@code DOWN} is in;</li>
 *   <li>an erl process that unlinks a Java process which is exiting gets no {@code 'EXIT'}
 *       message and lists no link afterwards;</li>
 *   <li>an unlink without a crossing reaches erl ({@code process_info(P, links)}) and erl's
 *       acknowledgement clears the Java side's pending unlink.</li>
 * </ul>
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnlinkErlangIT {
    private static final int ROUNDS = 200;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String COOKIE = "jreign_unlink_it";
    private static final Atom BOOM = Atom.of("boom");
    private ErlFixture erls;
    private OtpNode java;
    private SignalTap tap;
    private ErlPeer erl;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        erls = ErlFixture.start(COOKIE, "dist_peer", "link_peer");
        // hidden, so erl's global leaves it alone: the table then holds only what the tests make
        java = OtpNode.start(erls.javaNode("uj").withHidden(true));
        tap = new SignalTap(java.processes());
        java.dist().signalHandler(tap); // before erl connects
        erl = erls.erl("ue", java.name());
    }

    @AfterEach
    void stop() throws Exception {
        if (java != null) {
            java.close();
        }
        if (erls != null) {
            erls.close(); // and erl
        }
    }

    private Object rpc(Proc self, String module, String function, Object... args) {
        return erl.rpc(java, self, WAIT, module, function, args);
    }

    @Test
    void aJavaProcessUnlinkingAnExitingErlProcessNeverSeesItsExit() {
        int crossed = 0;
        int exitFirst = 0;
        int unlinkFirst = 0;
        try (Proc self = java.newProc()) {
            self.trapExit(true);
            tap.watch(self);
            for (int round = 0; round < ROUNDS; round++) {
                Address p = (Address) rpc(self, "dist_peer", "waiter");
                self.link(p);
                // P's link exit signals go out before its monitor DOWNs (ERTS's exit phases), on
                // the one connection: once the DOWN is here, any exit signal of P's is here too
                Ref ref = self.monitor(p);
                if (round % 2 == 0) {
                    self.exit(p, BOOM); // exit/2: P dies before it reads our UNLINK_ID
                } else {
                    self.send(p, Tuple.of(Atom.of("stop"), BOOM)); // P exits when it runs
                }
                self.unlink(p);
                assertFalse(self.isLinked(p));
                Down down = self.receive(Down.class, d -> d.ref().equals(ref), WAIT)
                        .orElseThrow(() -> new AssertionError("no DOWN from " + p));
                assertEquals(BOOM, down.reason());

                SignalTap.Arrival exit = tap.linkExitFrom(p);
                Optional<Object> left = self.receive(Duration.ZERO);
                if (exit != null && exit.linkActive()) {
                    exitFirst++; // it came before our unlink/1 ran: a plain exit of an active link
                    assertEquals(Optional.of(new Exit(p, BOOM)), left);
                    left = self.receive(Duration.ZERO);
                } else if (exit != null) {
                    crossed++;
                } else {
                    unlinkFirst++;
                }
                assertEquals(Optional.empty(), left, "round " + round + ": nothing else arrives");
                assertEquals(0, java.processes().size(), "round " + round + ": no link information or monitor left");
            }
        }
        System.out.printf("Java unlinks an exiting erl process: %d crossings, %d exits before the unlink,"
                + " %d unlinks before the exit%n", crossed, exitFirst, unlinkFirst);
        assertTrue(crossed > 0, "the exit signal never crossed our UNLINK_ID in " + ROUNDS + " rounds");
    }

    @Test
    void anErlProcessUnlinkingAnExitingJavaProcessSeesNoExit() {
        int crossed = 0;
        int exitFirst = 0;
        try (Proc self = java.newProc()) {
            for (int round = 0; round < ROUNDS; round++) {
                Address javaProc = java.spawn(p -> {
                    tap.watch(p);
                    Tuple die = p.receive(Tuple.class, WAIT).orElseThrow();
                    p.send((Address) die.get(1), Tuple.of(Atom.of("dying"), p.self()));
                    p.exit(BOOM); // its exit signal leaves as the unlinker reads "dying" and unlinks
                });
                Address unlinker = (Address) rpc(self, "link_peer", "unlinker", javaProc, self.self());
                self.receive(Tuple.class, t -> t.size() == 2 && Atom.of("unlinker_ready").equals(t.get(0))
                        && unlinker.equals(t.get(1)), WAIT).orElseThrow();
                self.send(javaProc, Tuple.of(Atom.of("die"), unlinker));
                Tuple done = self.receive(Tuple.class, t -> t.size() == 6 && Atom.of("unlinker_done").equals(t.get(0))
                        && unlinker.equals(t.get(1)), WAIT).orElseThrow(() -> new AssertionError("no report from erl"));
                assertEquals(BOOM, done.get(2), "the DOWN's reason");
                Object before = done.get(3);
                assertEquals(before, done.get(4), "round " + round + ": no {'EXIT', J, _} came after unlink/1 returned");
                assertEquals(List.of(), done.get(5), "round " + round + ": erl lists no link");

                SignalTap.Arrival unlink = tap.unlinkTo(javaProc);
                if (List.of().equals(before)) {
                    // erl still had the link: its UNLINK_ID went out ahead of the report
                    assertNotNull(unlink, "round " + round + ": erl's UNLINK_ID reached the Java node");
                    if (!unlink.linkActive()) {
                        crossed++; // the Java process had sent its exit signal already
                    }
                } else {
                    exitFirst++; // erl read the exit signal first: the link was gone, unlink/1 sent nothing
                    assertEquals(List.of(BOOM), before);
                }
                // the Java process's end is handled off the reader: poll often, 200 rounds wait here
                await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                        .until(() -> java.processes().size() == 0);
            }
        }
        System.out.printf("erl unlinks an exiting Java process: %d crossings, %d exits read before the unlink,"
                + " of %d rounds%n", crossed, exitFirst, ROUNDS);
        assertTrue(crossed > 0, "erl's UNLINK_ID never crossed the exit signal in " + ROUNDS + " rounds");
    }

    @Test
    void anUnlinkReachesErlAndItsAcknowledgementClearsThePendingUnlink() {
        try (Proc self = java.newProc()) {
            self.trapExit(true);
            Address p = (Address) rpc(self, "dist_peer", "waiter");
            Object linkedToUs = Tuple.of(Atom.of("links"), List.of(self.self()));
            Object noLinks = Tuple.of(Atom.of("links"), List.of());
            self.link(p);
            await().atMost(WAIT).until(() -> linkedToUs.equals(rpc(self, "erlang", "process_info", p, Atom.of("links"))));
            assertEquals(linkedToUs, rpc(self, "erlang", "process_info", p, Atom.of("links")));

            self.unlink(p);
            assertFalse(self.isLinked(p));
            await().atMost(WAIT).until(() -> noLinks.equals(rpc(self, "erlang", "process_info", p, Atom.of("links"))));
            // the pending unlink is information the table keeps until erl's UNLINK_ID_ACK comes
            await().atMost(WAIT).until(() -> java.processes().size() == 0);

            Ref ref = self.monitor(p);
            self.exit(p, BOOM);
            assertEquals(new Down(ref, p, BOOM), self.receive(Down.class, WAIT).orElseThrow());
            assertEquals(Optional.empty(), self.receive(Duration.ZERO), "no exit signal of the old link");
        }
    }
}
