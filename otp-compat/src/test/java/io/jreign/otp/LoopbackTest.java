package io.jreign.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Reason;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.CallException;
import io.jreign.otp.gen.From;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.gen.Result;
import io.jreign.otp.gen.Server;
import io.jreign.otp.process.Down;
import io.jreign.otp.process.Exit;
import io.jreign.otp.process.Proc;
import io.jreign.otp.etf.Ref;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two jreign OTP nodes in one JVM talk the real DIST protocol over loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private EpmdServer epmd;
    private OtpNode a;
    private OtpNode b;

    @BeforeEach
    void start() throws Exception {
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        a = OtpNode.start(OtpNodeConfig.of("ja" + suffix + "@localhost", "cookie").withEpmdPort(epmd.port()));
        b = OtpNode.start(OtpNodeConfig.of("jb" + suffix + "@localhost", "cookie").withEpmdPort(epmd.port()));
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    @Test
    void pingAndMessagesBothWays() {
        assertTrue(a.ping(b.name(), WAIT));
        assertTrue(b.ping(a.name(), WAIT));
        try (Proc pa = a.newProc(); Proc pb = b.newProc()) {
            b.node().names().register("inbox", pb.self());
            pa.send("inbox", b.name(), Tuple.of(Atom.of("hello"), pa.self()));
            Tuple got = pb.receive(Tuple.class, WAIT).orElseThrow();
            assertEquals(Atom.of("hello"), got.get(0));
            Address replyTo = (Address) got.get(1);
            pb.send(replyTo, "back");
            assertEquals(io.jreign.otp.etf.Binary.utf8("back"), pa.receive(WAIT).orElseThrow());
            pa.send("nobody", b.name(), "dropped"); // unknown name: dropped, connection stays
            assertTrue(a.ping(b.name(), WAIT));
        }
    }

    @Test
    void unknownNodeDoesNotPong() {
        assertFalse(a.ping("nosuchnode@localhost", Duration.ofSeconds(3)));
    }

    @Test
    void linksMonitorsAndExitSignalsAcrossNodes() {
        try (Proc watcher = a.newProc()) {
            Address remote = b.spawn(self -> self.receive());
            watcher.trapExit(true);
            watcher.link(remote);
            Ref ref = watcher.monitor(remote);
            watcher.exit(remote, Atom.of("boom"));
            Exit exit = watcher.receive(Exit.class, WAIT).orElseThrow();
            assertEquals(new Exit(remote, Atom.of("boom")), exit);
            Down down = watcher.receive(Down.class, WAIT).orElseThrow();
            assertEquals(new Down(ref, remote, Atom.of("boom")), down);

            Ref missing = watcher.monitor("absent", b.name());
            assertEquals(new Down(missing, Tuple.of(Atom.of("absent"), Atom.of(b.name())), Reason.NO_PROC),
                    watcher.receive(Down.class, WAIT).orElseThrow());

            Address untrapped = b.spawn(self -> self.receive());
            Ref ref2 = watcher.monitor(untrapped);
            watcher.exit(untrapped, Atom.of("kill"));
            assertEquals(new Down(ref2, untrapped, Reason.KILLED), watcher.receive(Down.class, WAIT).orElseThrow());

            Address normalIgnored = b.spawn(self -> self.receive());
            Ref ref3 = watcher.monitor(normalIgnored);
            watcher.exit(normalIgnored, Atom.of("normal"));
            watcher.send(normalIgnored, "stop"); // over the wire, after the monitor (a b-bound address would skip it)
            assertEquals(new Down(ref3, normalIgnored, Reason.NORMAL), watcher.receive(Down.class, WAIT).orElseThrow());
        }
    }

    @Test
    void remoteLinkKillsUntrappedProcessAndUnlinkStopsIt() {
        try (Proc observer = a.newProc()) {
            Address victim = a.spawn(self -> self.receive());
            Address unlinked = a.spawn(self -> {
                self.receive(); // "go"
                self.receive();
            });
            Ref victimRef = observer.monitor(victim);
            Address killer = b.spawn(self -> {
                self.link(victim);
                self.link(unlinked);
                self.unlink(unlinked);
                self.receive();
                throw new IllegalStateException("bang");
            });
            observer.send(killer, "die");
            Down down = observer.receive(Down.class, WAIT).orElseThrow();
            assertEquals(victimRef, down.ref());
            assertEquals(Tuple.of(Atom.of("java_exception"), io.jreign.otp.etf.Binary.utf8("java.lang.IllegalStateException"),
                    io.jreign.otp.etf.Binary.utf8("bang")), down.reason());
            Ref ref = observer.monitor(unlinked);
            unlinked.send("go");
            unlinked.send("done");
            assertEquals(Reason.NORMAL, observer.receive(Down.class, d -> d.ref().equals(ref), WAIT).orElseThrow().reason());
        }
    }

    @Test
    void nodeDownFiresLinksAndMonitorsWithNoconnection() {
        try (Proc watcher = a.newProc()) {
            Address remote = b.spawn(self -> self.receive());
            watcher.trapExit(true);
            watcher.link(remote);
            Ref ref = watcher.monitor(remote);
            assertTrue(a.ping(b.name(), WAIT));
            b.close();
            assertEquals(new Exit(remote, Reason.NO_CONNECTION), watcher.receive(Exit.class, WAIT).orElseThrow());
            assertEquals(new Down(ref, remote, Reason.NO_CONNECTION), watcher.receive(Down.class, WAIT).orElseThrow());
        }
    }

    @Test
    void genServerCallCastAndReplyLater() {
        Address server = GenServer.start(b.processes(), "counter", new Server<Integer>() {
            private From waiting;

            @Override
            public Integer init(Proc self, Object args) {
                return (Integer) args;
            }

            @Override
            public Result<Integer> handleCall(Object request, From from, Integer state) {
                if (Atom.of("later").equals(request)) {
                    waiting = from;
                    return Result.noreply(state);
                }
                if (Atom.of("stop").equals(request)) {
                    return Result.stop(Atom.of("asked"), Atom.OK, state);
                }
                return Result.reply((long) state, state);
            }

            @Override
            public Result<Integer> handleCast(Object message, Integer state) {
                return Result.noreply(state + 1);
            }

            @Override
            public Result<Integer> handleInfo(Object message, Integer state) {
                return Result.noreply(state);
            }
        }, 41, WAIT);
        try (Proc caller = a.newProc()) {
            Tuple target = Tuple.of(Atom.of("counter"), Atom.of(b.name()));
            GenServer.cast(caller, target, Atom.of("inc"));
            assertEquals(42L, GenServer.call(caller, target, Atom.of("get"), WAIT));
            assertEquals(42L, GenServer.call(caller, server, Atom.of("get"), WAIT));
            CallException timeout = assertThrows(CallException.class,
                    () -> GenServer.call(caller, target, Atom.of("later"), Duration.ofMillis(200)));
            assertTrue(timeout.isTimeout());
            assertEquals(Atom.OK, GenServer.call(caller, target, Atom.of("stop"), WAIT));
            // the reply comes before the server's end: a call in between would see it end with 'asked'
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> b.node().whereis("counter").isEmpty());
            CallException gone = assertThrows(CallException.class,
                    () -> GenServer.call(caller, target, Atom.of("get"), WAIT));
            assertEquals(Reason.NO_PROC, gone.reason());
            assertInstanceOf(Tuple.class, target);
        }
    }
}
