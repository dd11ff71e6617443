package io.jreign.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Reason;
import io.jreign.otp.demo.EchoServer;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Binary;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.process.Down;
import io.jreign.otp.process.Exit;
import io.jreign.otp.process.Proc;
import io.jreign.otp.testing.Erl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A jreign OtpNode and real erl nodes (OTP 25) over DIST, with a private embedded EPMD. The erl
 * node runs test resource {@code dist_peer.erl}: it pings Java at startup, and answers
 * {@code {rpc, From, Ref, M, F, A}} sent to its registered {@code peer}. {@link HostedDistErlangIT}
 * runs every test again with the Java node's processes hosted on their DIST readers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DistErlangIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String COOKIE = "jreign_dist_it";
    private Path dir;
    private EpmdServer epmd;
    OtpNode java;
    private Process erl;
    String erlNode;
    private String pingLine;
    private final List<Process> started = new ArrayList<>();

    /** The Java node's configuration: here the default one. */
    OtpNodeConfig configure(OtpNodeConfig config) {
        return config;
    }

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        dir = Files.createTempDirectory("jreign-dist-it");
        Erl.compile("dist_peer", dir);
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        java = OtpNode.start(configure(OtpNodeConfig.of("jr" + suffix + "@localhost", COOKIE).withEpmdPort(epmd.port())));
        GenServer.start(java.processes(), "jecho", new EchoServer(), null, WAIT);
        erlNode = "er" + suffix + "@localhost";
        BufferedReader out = startErl(erlNode, java.name());
        erl = started.getLast();
        pingLine = awaitReady(out, erlNode);
    }

    /** Reads erl's stdout up to READY; the PING line, if any. Erlang log reports are kept for the failure message. */
    private String awaitReady(BufferedReader out, String name) throws IOException {
        StringBuilder seen = new StringBuilder();
        String ping = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("READY")) {
                System.out.println("erl " + name + " printed before READY:\n" + seen);
                return ping;
            }
            if (line.startsWith("PING ")) {
                ping = line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("erl " + name + " ended before READY; stdout:\n" + seen + "stderr:\n"
                + Erl.read(dir.resolve(name + ".stderr")));
    }

    /** Starts an erl node running dist_peer:start(Ping); its stdout. */
    private BufferedReader startErl(String name, String ping) throws IOException {
        Process process = Erl.start(List.of("erl", "-sname", name, "-setcookie", COOKIE, "-noshell", "-start_epmd",
                        "false", "-pa", dir.toString(), "-eval", "dist_peer:start('" + ping + "')"),
                Map.of("ERL_EPMD_PORT", Integer.toString(epmd.port())), dir.resolve(name + ".stderr"));
        started.add(process);
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() throws IOException {
        for (Process process : started) {
            Erl.kill(process);
        }
        if (java != null) {
            java.close();
        }
        if (epmd != null) {
            epmd.close();
        }
        Erl.deleteTree(dir);
    }

    Object rpc(Proc self, String module, String function, Object... args) {
        Ref ref = java.dist().refs().next();
        self.send("peer", erlNode, Tuple.of(Atom.of("rpc"), self.self(), ref, Atom.of(module), Atom.of(function),
                List.of(args)));
        Tuple answer = self.receive(Tuple.class, t -> t.size() == 2 && ref.equals(t.get(0)), WAIT)
                .orElseThrow(() -> new AssertionError("no answer to rpc " + module + ":" + function));
        return answer.get(1);
    }

    @Test
    void erlPingsJavaAndJavaPingsErl() {
        assertEquals("PING pong", pingLine);
        assertTrue(java.ping(erlNode, WAIT));
        try (Proc self = java.newProc()) {
            assertEquals(Atom.of("pong"), rpc(self, "net_adm", "ping", Atom.of(java.name())));
            assertEquals(List.of(Atom.of(java.name())), rpc(self, "erlang", "nodes"));
        }
    }

    @Test
    void messagesBothWaysIncludingRegisteredNames() {
        try (Proc self = java.newProc()) {
            java.node().names().register("inbox", self.self());
            self.send("echo", erlNode, Tuple.of(self.self(), Atom.of("hello")));
            assertEquals(Atom.of("hello"), self.receive(WAIT).orElseThrow());
            Tuple to = Tuple.of(Atom.of("inbox"), Atom.of(java.name()));
            assertEquals(Atom.of("ok"), rpc(self, "dist_peer", "send_seq", to, 3L));
            for (long i = 1; i <= 3; i++) {
                assertEquals(Tuple.of(Atom.of("seq"), i), self.receive(Tuple.class, t -> t.size() == 2
                        && Atom.of("seq").equals(t.get(0)), WAIT).orElseThrow());
            }
            // to a pid erl got in a message
            Address echo = (Address) rpc(self, "erlang", "whereis", Atom.of("echo"));
            self.send(echo, Tuple.of(self.self(), Binary.utf8("by pid")));
            assertEquals(Binary.utf8("by pid"), self.receive(WAIT).orElseThrow());
        }
    }

    @Test
    void hundredThousandMessagesKeepTheirOrderBothWays() {
        int n = 100_000;
        try (Proc self = java.newProc()) {
            Address collector = (Address) rpc(self, "dist_peer", "collector", (long) n, self.self());
            for (long i = 1; i <= n; i++) {
                self.send(collector, Tuple.of(Atom.of("seq"), i));
            }
            assertEquals(Tuple.of(Atom.of("collected"), (long) n), self.receive(Tuple.class,
                    t -> Atom.of("collected").equals(t.get(0)) || Atom.of("out_of_order").equals(t.get(0)),
                    Duration.ofSeconds(60)).orElseThrow());

            assertEquals(Atom.OK, rpc(self, "dist_peer", "send_seq", self.self(), (long) n));
            for (long i = 1; i <= n; i++) {
                Object message = self.receive(WAIT).orElseThrow();
                assertEquals(Tuple.of(Atom.of("seq"), i), message);
            }
        }
    }

    @Test
    void largeBinaryAndTenMegabyteTermTravelInFragments() {
        try (Proc self = java.newProc()) {
            byte[] bytes = new byte[1 << 20];
            ThreadLocalRandom.current().nextBytes(bytes);
            Binary binary = Binary.of(bytes);
            self.send("echo", erlNode, Tuple.of(self.self(), binary));
            assertEquals(binary, self.receive(Duration.ofSeconds(60)).orElseThrow());

            Object big = rpc(self, "dist_peer", "big_term", 10_000L); // 10,000 x ~1 KB = ~10 MB from erl
            assertInstanceOf(List.class, big);
            assertEquals(10_000, ((List<?>) big).size());
            self.send("echo", erlNode, Tuple.of(self.self(), big)); // and back from Java
            assertEquals(big, self.receive(Duration.ofSeconds(60)).orElseThrow());
        }
    }

    @Test
    void linksAndMonitorsBothWays() {
        try (Proc self = java.newProc()) {
            // Java links to and monitors an erl process, which exits with boom
            Address waiter = (Address) rpc(self, "dist_peer", "waiter");
            self.trapExit(true);
            self.link(waiter);
            Ref ref = self.monitor(waiter);
            self.send(waiter, Tuple.of(Atom.of("stop"), Atom.of("boom")));
            assertEquals(new Exit(waiter, Atom.of("boom")), self.receive(Exit.class, WAIT).orElseThrow());
            assertEquals(new Down(ref, waiter, Atom.of("boom")), self.receive(Down.class, WAIT).orElseThrow());
            // monitor by name: missing -> noproc at once; existing works
            self.monitor("no_such_name", erlNode);
            assertEquals(Reason.NO_PROC, self.receive(Down.class, WAIT).orElseThrow().reason());

            // erl links to / monitors a Java process that then exits with a reason
            Address javaProc = java.spawn(p -> {
                Object reason = p.receive();
                p.exit(reason);
            });
            Address linker = (Address) rpc(self, "dist_peer", "linker", javaProc, self.self());
            assertEquals(Tuple.of(Atom.of("linked"), linker), self.receive(Tuple.class, WAIT).orElseThrow());
            Tuple monitoring = (Tuple) waitFor(self, "monitoring", () -> rpc(self, "dist_peer", "monitorer", javaProc, self.self()));
            javaProc.send(Atom.of("bye"));
            List<Object> got = List.of(self.receive(Tuple.class, t -> Atom.of("got").equals(t.get(0)), WAIT).orElseThrow().get(1),
                    self.receive(Tuple.class, t -> Atom.of("got").equals(t.get(0)), WAIT).orElseThrow().get(1));
            assertTrue(got.contains(new Exit(javaProc, Atom.of("bye"))), got.toString());
            assertTrue(got.contains(new Down((Ref) monitoring.get(2), javaProc, Atom.of("bye"))), got.toString());
        }
    }

    private Object waitFor(Proc self, String tag, java.util.function.Supplier<Object> action) {
        action.get();
        return self.receive(Tuple.class, t -> Atom.of(tag).equals(t.get(0)), WAIT).orElseThrow();
    }

    @Test
    void exitSignalsBothWays() {
        try (Proc self = java.newProc()) {
            Address waiter = (Address) rpc(self, "dist_peer", "waiter");
            Ref ref = self.monitor(waiter);
            self.exit(waiter, Atom.of("kill"));
            assertEquals(new Down(ref, waiter, Reason.KILLED), self.receive(Down.class, WAIT).orElseThrow());

            Address javaProc = java.spawn(p -> p.receive());
            Ref javaRef = self.monitor(javaProc);
            assertEquals(Atom.of("true"), rpc(self, "erlang", "exit", javaProc, Atom.of("from_erl")));
            assertEquals(new Down(javaRef, javaProc, Atom.of("from_erl")), self.receive(Down.class, WAIT).orElseThrow());

            Address trapper = java.spawn(p -> {
                p.trapExit(true);
                self.self().send(Atom.of("trapping"));
                self.self().send(p.receive());
            });
            assertEquals(Atom.of("trapping"), self.receive(WAIT).orElseThrow());
            rpc(self, "erlang", "exit", trapper, Atom.of("please"));
            Exit exit = self.receive(Exit.class, WAIT).orElseThrow();
            assertEquals(Atom.of("please"), exit.reason());
        }
    }

    @Test
    void exitToSelfDoesWhatErlangDoes() {
        try (Proc self = java.newProc()) {
            for (boolean trap : new boolean[] {false, true}) {
                for (String reason : new String[] {"normal", "kill", "boom"}) {
                    Object erlang = rpc(self, "dist_peer", "exit_self", Atom.of(trap), Atom.of(reason));
                    assertEquals(erlang, javaExitSelf(trap, Atom.of(reason)), "trap_exit " + trap + ", exit(self(), " + reason + ")");
                }
            }
        }
    }

    /** The Java twin of dist_peer:exit_self/2. */
    private Object javaExitSelf(boolean trap, Atom reason) {
        try (Proc parent = java.newProc()) {
            Address child = java.spawn(p -> {
                p.trapExit(trap);
                p.exit(p.self(), reason);
                Object got = p.mailbox().tryReceive()
                        .map(m -> m instanceof Exit e && e.from().equals(p.self()) ? Tuple.of(Atom.of("exit_from_self"), e.reason())
                                : (Object) Atom.of("unexpected"))
                        .orElse(Atom.of("none"));
                parent.self().send(Tuple.of(Atom.of("continued"), got));
            });
            Ref ref = parent.monitor(child);
            Object first = parent.receive(m -> m instanceof Tuple || m instanceof Down, WAIT).orElseThrow();
            Down down = first instanceof Down d ? d : parent.receive(Down.class, d -> d.ref().equals(ref), WAIT).orElseThrow();
            Object outcome = first instanceof Tuple t ? Tuple.of(t.get(0), t.get(1), down.reason())
                    : Tuple.of(Atom.of("died"), Atom.of("none"), down.reason());
            return io.jreign.otp.etf.Etf.decode(io.jreign.otp.etf.Etf.encode(outcome)); // Java reasons as Erlang terms
        }
    }

    @Test
    void genServerCallsBothWays() {
        try (Proc self = java.newProc()) {
            Tuple jecho = Tuple.of(Atom.of("jecho"), Atom.of(java.name()));
            assertEquals(Atom.of("hello"), rpc(self, "gen_server", "call", jecho, Atom.of("hello")));
            assertEquals(List.of(1L, 2L), rpc(self, "gen_server", "call", jecho, List.of(1L, 2L)));
            rpc(self, "dist_peer", "start_gen");
            Tuple erlEcho = Tuple.of(Atom.of("erl_echo"), Atom.of(erlNode));
            assertEquals(Tuple.of(Atom.of("echoed"), Atom.of("hi")), GenServer.call(self, erlEcho, Atom.of("hi"), WAIT));
            // cast from erl: {send, To, Msg} makes the Java server send to us
            rpc(self, "gen_server", "cast", jecho, Tuple.of(Atom.of("send"), self.self(), Atom.of("casted")));
            assertEquals(Atom.of("casted"), self.receive(WAIT).orElseThrow());
        }
    }

    @Test
    void javaConnectsFirstAndKillingErlFiresEverythingWithNoconnection() throws Exception {
        String second = "es" + erlNode.substring(2);
        BufferedReader out = startErl(second, "none");
        awaitReady(out, second);
        Process process = started.getLast();
        assertTrue(java.ping(second, WAIT)); // Java initiates this handshake
        try (Proc self = java.newProc()) {
            Ref ref0 = java.dist().refs().next();
            self.send("peer", second, Tuple.of(Atom.of("rpc"), self.self(), ref0, Atom.of("dist_peer"), Atom.of("waiter"),
                    List.of()));
            Address waiter = (Address) self.receive(Tuple.class, t -> ref0.equals(t.get(0)), WAIT).orElseThrow().get(1);
            self.trapExit(true);
            self.link(waiter);
            Ref ref = self.monitor(waiter);
            Ref byName = self.monitor("echo", second);
            Erl.kill(process);
            assertEquals(new Exit(waiter, Reason.NO_CONNECTION), self.receive(Exit.class, WAIT).orElseThrow());
            List<Down> downs = List.of(self.receive(Down.class, WAIT).orElseThrow(), self.receive(Down.class, WAIT).orElseThrow());
            assertTrue(downs.contains(new Down(ref, waiter, Reason.NO_CONNECTION)), downs.toString());
            assertTrue(downs.contains(new Down(byName, Tuple.of(Atom.of("echo"), Atom.of(second)), Reason.NO_CONNECTION)),
                    downs.toString());
        }
    }
}
