package io.jreign.otp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.mailbox.Address;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.process.Proc;
import io.jreign.otp.testing.Erl;
import io.jreign.otp.testing.ErlFixture;
import io.jreign.otp.testing.ErlPeer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A published jreign node takes part in Erlang's {@code global}: real erl nodes (OTP 25) sync
 * with it ({@code global:sync()} returns with the Java node in {@code nodes()}), and
 * {@code global:register_name/2}, {@code whereis_name/1}, {@code unregister_name/1} keep working
 * there while the Java node holds a copy of the table; names the Java node registers are erl's too.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GlobalIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COOKIE = "jreign_global_it";
    private static final Atom UNDEFINED = Atom.of("undefined");
    private ErlFixture erls;
    private OtpNode java;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        erls = ErlFixture.start(COOKIE, "dist_peer");
        java = OtpNode.start(erls.javaNode("jg"));
    }

    @AfterEach
    void stop() throws Exception {
        if (java != null) {
            java.close();
        }
        if (erls != null) {
            erls.close();
        }
    }

    private ErlPeer erl(String prefix, String ping, String... extraArgs) throws Exception {
        return erls.erl(prefix, ping, extraArgs);
    }

    private Object rpc(ErlPeer peer, Proc self, String module, String function, Object... args) {
        return peer.rpc(java, self, WAIT, module, function, args);
    }

    @Test
    void erlangSyncsWithJavaAndItsNamesKeepWorking() throws Exception {
        // a name registered before the Java node is connected travels in the sync's exchange
        ErlPeer a = erl("ga", java.name(), "-eval",
                "yes = global:register_name(early, spawn(fun() -> receive stop -> ok end end))");
        try (Proc self = java.newProc()) {
            long start = System.nanoTime();
            assertEquals(Atom.OK, rpc(a, self, "global", "sync"));
            System.out.printf("global:sync() on erl returned %d ms after it connected to the Java node%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertEquals(List.of(Atom.of(java.name())), rpc(a, self, "erlang", "nodes"));
            assertTrue(java.global().sync(WAIT), "the Java side syncs too");
            assertTrue(java.global().syncedNodes().contains(a.node()), java.global().syncedNodes().toString());
            Address early = (Address) rpc(a, self, "global", "whereis_name", Atom.of("early"));
            assertEquals(Optional.of(early), java.global().whereis(Atom.of("early")));

            // registered after the sync: erl's register_name locks and updates the Java node too
            Address waiter = (Address) rpc(a, self, "dist_peer", "waiter");
            assertEquals(Atom.of("yes"), rpc(a, self, "global", "register_name", Atom.of("late"), waiter));
            assertEquals(waiter, rpc(a, self, "global", "whereis_name", Atom.of("late")));
            assertEquals(Optional.of(waiter), java.global().whereis(Atom.of("late")));
            assertEquals(Atom.of("no"), rpc(a, self, "global", "register_name", Atom.of("late"), early),
                    "a taken name stays taken");

            // a Java process registered from erl; its end unregisters it on erl
            Address javaProc = java.spawn(p -> p.receive());
            assertEquals(Atom.of("yes"), rpc(a, self, "global", "register_name", Tuple.of(Atom.of("j"), 1L), javaProc));
            assertEquals(javaProc, rpc(a, self, "global", "whereis_name", Tuple.of(Atom.of("j"), 1L)));
            javaProc.send("stop");
            await().atMost(WAIT).until(() -> UNDEFINED.equals(rpc(a, self, "global", "whereis_name",
                    Tuple.of(Atom.of("j"), 1L))));
            await().atMost(WAIT).until(() -> java.global().whereis(Tuple.of(Atom.of("j"), 1L)).isEmpty());

            // unregister on erl, and a holder that dies: both leave the Java copy
            assertEquals(Atom.OK, rpc(a, self, "global", "unregister_name", Atom.of("late")));
            assertEquals(Optional.empty(), java.global().whereis(Atom.of("late")));
            self.send(early, Atom.of("stop"));
            await().atMost(WAIT).until(() -> java.global().whereis(Atom.of("early")).isEmpty());
            assertEquals(UNDEFINED, rpc(a, self, "global", "whereis_name", Atom.of("early")));
        }
    }

    @Test
    void javaRegistersGlobalNamesThatErlangSeesAndRespects() throws Exception {
        ErlPeer a = erl("ja", java.name());
        try (Proc self = java.newProc()) {
            assertEquals(Atom.OK, rpc(a, self, "global", "sync"));
            assertTrue(java.global().sync(WAIT));
            Address inbox = java.spawn(p -> {
                Object got = p.receive();
                self.self().send(Tuple.of(Atom.of("inbox_got"), got));
                p.receive();
            });
            assertTrue(java.global().register(Atom.of("java_inbox"), inbox));
            assertEquals(inbox, rpc(a, self, "global", "whereis_name", Atom.of("java_inbox")));
            assertEquals(Optional.of(inbox), java.global().whereis(Atom.of("java_inbox")));
            assertEquals(inbox, rpc(a, self, "global", "send", Atom.of("java_inbox"), Atom.of("via_global")));
            assertEquals(Tuple.of(Atom.of("inbox_got"), Atom.of("via_global")),
                    self.receive(Tuple.class, t -> Atom.of("inbox_got").equals(t.get(0)), WAIT).orElseThrow());

            Address waiter = (Address) rpc(a, self, "dist_peer", "waiter");
            assertEquals(Atom.of("no"), rpc(a, self, "global", "register_name", Atom.of("java_inbox"), waiter),
                    "erl respects the Java node's name");
            assertEquals(Atom.of("yes"), rpc(a, self, "global", "register_name", Atom.of("erl_name"), waiter));
            Address other = java.spawn(p -> p.receive());
            assertFalse(java.global().register(Atom.of("erl_name"), other), "and the Java node respects erl's");
            assertFalse(java.global().register(Atom.of("second_name"), inbox), "one name per pid");

            java.global().unregister(Atom.of("java_inbox"));
            assertEquals(UNDEFINED, rpc(a, self, "global", "whereis_name", Atom.of("java_inbox")));
            assertTrue(java.global().register(Atom.of("java_other"), other));
            other.send("stop"); // its end unregisters it everywhere
            await().atMost(WAIT).until(() -> UNDEFINED.equals(rpc(a, self, "global", "whereis_name", Atom.of("java_other"))));
            await().atMost(WAIT).until(() -> java.global().whereis(Atom.of("java_other")).isEmpty());
        }
    }

    @Test
    void javaJoinsATwoNodeErlangClusterAndEveryoneSyncs() throws Exception {
        ErlPeer a = erl("ha", "none");
        ErlPeer b = erl("hb", a.node(), "-eval",
                "yes = global:register_name(on_b, spawn(fun() -> receive stop -> ok end end))");
        assertTrue(java.ping(a.node(), WAIT)); // Java knows only a; global tells it of b
        try (Proc self = java.newProc()) {
            assertEquals(Atom.OK, rpc(a, self, "global", "sync"));
            await().atMost(WAIT).until(() -> java.global().syncedNodes().containsAll(List.of(a.node(), b.node())));
            assertTrue(java.dist().connectedNodes().contains(b.node()), "global connected the Java node to b");
            assertEquals(Atom.OK, rpc(b, self, "global", "sync"));
            assertTrue(((List<?>) rpc(b, self, "erlang", "nodes")).contains(Atom.of(java.name())));
            Address onB = (Address) rpc(b, self, "global", "whereis_name", Atom.of("on_b"));
            assertEquals(Optional.of(onB), java.global().whereis(Atom.of("on_b")));

            Address waiter = (Address) rpc(b, self, "dist_peer", "waiter");
            assertEquals(Atom.of("yes"), rpc(b, self, "global", "register_name", Atom.of("from_b"), waiter));
            assertEquals(waiter, rpc(a, self, "global", "whereis_name", Atom.of("from_b")));
            assertEquals(Optional.of(waiter), java.global().whereis(Atom.of("from_b")));
        }
    }
}
