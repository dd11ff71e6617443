package io.jreign.otp.global;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.ExportFun;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.process.Proc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two (and three) jreign nodes run global's sync protocol with each other over real DIST: each
 * side's locker can be the one that locks, and a name registered through one node's server the way
 * erl's {@code register_name/2} does it reaches the others.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GlobalLoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Atom SERVER = Atom.of(GlobalTerms.SERVER);
    private EpmdServer epmd;
    private OtpNode a;
    private OtpNode b;
    private OtpNode c;
    private String suffix;

    @BeforeEach
    void start() throws Exception {
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        a = node("ga");
        b = node("gb");
    }

    private OtpNode node(String prefix) throws Exception {
        return OtpNode.start(OtpNodeConfig.of(prefix + suffix + "@localhost", "cookie").withEpmdPort(epmd.port()));
    }

    @AfterEach
    void stop() {
        for (OtpNode node : new OtpNode[] {a, b, c}) {
            if (node != null) {
                node.close();
            }
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    @Test
    void twoJavaNodesSyncAndShareANameRegisteredUnderTheGlobalLock() throws Exception {
        assertTrue(a.ping(b.name(), WAIT));
        assertTrue(a.global().sync(WAIT));
        assertTrue(b.global().sync(WAIT));
        assertEquals(Set.of(b.name()), a.global().syncedNodes());
        assertEquals(Set.of(a.name()), b.global().syncedNodes());

        try (Proc registrar = a.newProc()) {
            Address holder = a.spawn(p -> p.receive());
            Tuple lock = Tuple.of(GlobalTerms.GLOBAL, registrar.self());
            Object method = new ExportFun(GlobalTerms.GLOBAL, Atom.of("random_exit_name"), 3);
            // erl's trans_all_known: the global lock on every node (retried while the sync's own
            // lock is on its way out), register everywhere, unlock
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> lockAll(registrar, lock, List.of(a, b)));
            for (OtpNode node : List.of(a, b)) {
                assertEquals(GlobalTerms.YES, GenServer.call(registrar, server(node),
                        Tuple.of(GlobalTerms.REGISTER, Atom.of("shared"), holder, method), WAIT));
            }
            for (OtpNode node : List.of(a, b)) {
                assertEquals(Atom.TRUE, GenServer.call(registrar, server(node), Tuple.of(GlobalTerms.DEL_LOCK, lock), WAIT));
            }
            assertEquals(Optional.of(holder), b.global().whereis(Atom.of("shared")));
            // and through the API, which takes the same lock
            Address onB = b.spawn(p -> p.receive());
            assertTrue(b.global().register(Atom.of("on_b"), onB));
            assertEquals(Optional.of(onB), a.global().whereis(Atom.of("on_b")));
            assertTrue(!a.global().register(Atom.of("on_b"), holder), "taken");
            b.global().unregister(Atom.of("on_b"));
            assertEquals(Optional.empty(), a.global().whereis(Atom.of("on_b")));

            // a third node learns the name in its sync, and the holder's end clears it everywhere
            c = node("gc");
            assertTrue(c.ping(b.name(), WAIT));
            assertTrue(c.global().sync(WAIT));
            assertEquals(Optional.of(holder), c.global().whereis(Atom.of("shared")));
            holder.send("stop");
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> c.global().registeredNames().isEmpty()
                    && b.global().registeredNames().isEmpty() && a.global().registeredNames().isEmpty());
        }
    }

    @Test
    void aRegistrationWithoutTheLockIsNotKept() {
        assertTrue(a.ping(b.name(), WAIT));
        assertTrue(b.global().sync(WAIT));
        try (Proc registrar = a.newProc()) {
            Address holder = a.spawn(p -> p.receive());
            Tuple other = Tuple.of(GlobalTerms.GLOBAL, a.global().server()); // someone else holds the lock
            try (Proc locker = a.newProc()) {
                // (the sync's own lock may still be on its way out)
                org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Atom.TRUE.equals(
                        GenServer.call(locker, server(b), Tuple.of(GlobalTerms.SET_LOCK, other), WAIT)));
                assertEquals(Atom.FALSE, GenServer.call(registrar, server(b),
                        Tuple.of(GlobalTerms.SET_LOCK, Tuple.of(GlobalTerms.GLOBAL, registrar.self())), WAIT),
                        "a second requester is refused");
                assertEquals(GlobalTerms.YES, GenServer.call(registrar, server(b),
                        Tuple.of(GlobalTerms.REGISTER, Atom.of("sneaky"), holder, Atom.UNDEFINED), WAIT));
                assertEquals(Optional.empty(), b.global().whereis(Atom.of("sneaky")),
                        "the caller does not hold the global lock");
            }
            // the locker's mailbox closed: its monitor frees the lock, which then counts as gone down
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Atom.TRUE.equals(GenServer.call(registrar,
                    server(b), Tuple.of(GlobalTerms.SET_LOCK, Tuple.of(GlobalTerms.GLOBAL, registrar.self())), WAIT)));
        }
    }

    /** Sets {@code lock} on every node, or on none. */
    private static boolean lockAll(Proc registrar, Tuple lock, List<OtpNode> nodes) {
        List<OtpNode> granted = new java.util.ArrayList<>();
        for (OtpNode node : nodes) {
            if (!Atom.TRUE.equals(GenServer.call(registrar, server(node), Tuple.of(GlobalTerms.SET_LOCK, lock), WAIT))) {
                for (OtpNode done : granted) {
                    GenServer.call(registrar, server(done), Tuple.of(GlobalTerms.DEL_LOCK, lock), WAIT);
                }
                return false;
            }
            granted.add(node);
        }
        return true;
    }

    private static Tuple server(OtpNode node) {
        return Tuple.of(SERVER, Atom.of(node.name()));
    }
}
