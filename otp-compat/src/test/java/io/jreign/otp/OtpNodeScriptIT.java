package io.jreign.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.testing.Erl;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code otp-compat/bin/otp-node} prints {@code ready NAME}, and a real erl drives its {@code echo}
 * gen_server through every clause: ping, call, cast {send,...}, info {ping, From}, call {monitor, Pid},
 * call {link, Pid}, call {stop, Reason}; with {@code --hidden} erl lists it in {@code nodes(hidden)}
 * only; and {@code kill -9} of the Java node reaches erl's links and monitors as {@code noconnection}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OtpNodeScriptIT {
    /** bin/otp-node, with the classpath file it reads written from ours, so it needs no nested mvn. */
    private static Path script() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("/classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Files.writeString(Path.of("target/otp-node.classpath"), classpath);
        return Path.of("bin/otp-node").toAbsolutePath();
    }

    /** Starts bin/otp-node and waits for its "ready NAME" line. */
    private static Process startScript(Path dir, String javaNode, int epmdPort, String... extra) throws Exception {
        Path script = script();
        List<String> command = new java.util.ArrayList<>(List.of(script.toString(), "--name", javaNode, "--cookie",
                "democookie", "--epmd-port", Integer.toString(epmdPort)));
        command.addAll(List.of(extra));
        Process node = Erl.start(command, Map.of(), dir.resolve("node.stderr"));
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        try {
            assertEquals("ready " + javaNode, out.readLine(), () -> Erl.read(dir.resolve("node.stderr")));
        } catch (AssertionError | java.io.IOException e) {
            Erl.kill(node);
            throw e;
        }
        return node;
    }

    @Test
    void demoNodeAnswersErl() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        Path dir = Files.createTempDirectory("jreign-otp-node-it");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        String javaNode = "demo" + suffix + "@localhost";
        Process node = null;
        Process erl = null;
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0))) {
            node = startScript(dir, javaNode, epmd.port());
            String n = "'" + javaNode + "'";
            String eval = "P = net_adm:ping(" + n + "),"
                    + "R1 = gen_server:call({echo, " + n + "}, hello),"
                    + "gen_server:cast({echo, " + n + "}, {send, self(), casted}),"
                    + "R2 = receive X -> X after 5000 -> none end,"
                    + "{echo, " + n + "} ! {ping, self()},"
                    + "R3 = receive Y -> Y after 5000 -> none end,"
                    + "W = spawn(fun() -> receive stop -> exit(bye) end end),"
                    + "ok = gen_server:call({echo, " + n + "}, {monitor, W}),"
                    + "W ! stop,"
                    + "R4 = receive {down, W, Why} -> Why after 5000 -> none end,"
                    + "L = spawn(fun() -> receive stop -> exit(linked_bye) end end),"
                    + "ok = gen_server:call({echo, " + n + "}, {link, L}),"
                    + "L ! stop,"
                    + "R6 = receive {'EXIT', L, Why3} -> Why3 after 5000 -> none end,"
                    + "MR = erlang:monitor(process, {echo, " + n + "}),"
                    + "ok = gen_server:call({echo, " + n + "}, {stop, shutdown}),"
                    + "R5 = receive {'DOWN', MR, _, _, Why2} -> Why2 after 5000 -> none end,"
                    + "io:format(\"~p~n\", [[P, R1, R2, R3, R4, R6, R5]]), halt().";
            erl = Erl.start(List.of("erl", "-sname", "dt" + suffix + "@localhost", "-setcookie", "democookie",
                            "-noshell", "-start_epmd", "false", "-eval", eval),
                    Map.of("ERL_EPMD_PORT", Integer.toString(epmd.port())), dir.resolve("erl.stderr"));
            BufferedReader erlOut = new BufferedReader(new InputStreamReader(erl.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("[pong,hello,casted,pong,bye,linked_bye,shutdown]", erlOut.readLine(),
                    () -> Erl.read(dir.resolve("erl.stderr")) + Erl.read(dir.resolve("node.stderr")));
            assertTrue(erl.waitFor(30, TimeUnit.SECONDS));
        } finally {
            Erl.kill(erl);
            Erl.kill(node);
            Erl.deleteTree(dir);
        }
    }

    @Test
    void hiddenDemoNodeIsOnlyInNodesHidden() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        Path dir = Files.createTempDirectory("jreign-otp-node-hidden-it");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        String javaNode = "hide" + suffix + "@localhost";
        Process node = null;
        Process erl = null;
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0))) {
            // Also hosted and busy-waiting: the script takes every option together.
            node = startScript(dir, javaNode, epmd.port(), "--hidden", "--hosted", "--busy-wait", "200");
            String n = "'" + javaNode + "'";
            String eval = "P = net_adm:ping(" + n + "), R = gen_server:call({echo, " + n + "}, hello),"
                    + "io:format(\"~p~n\", [[P, R, nodes(), nodes(hidden)]]), halt().";
            erl = Erl.start(List.of("erl", "-sname", "dh" + suffix + "@localhost", "-setcookie", "democookie",
                            "-noshell", "-start_epmd", "false", "-eval", eval),
                    Map.of("ERL_EPMD_PORT", Integer.toString(epmd.port())), dir.resolve("erl.stderr"));
            BufferedReader erlOut = new BufferedReader(new InputStreamReader(erl.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("[pong,hello,[],[" + javaNode + "]]", erlOut.readLine(),
                    () -> Erl.read(dir.resolve("erl.stderr")) + Erl.read(dir.resolve("node.stderr")));
            assertTrue(erl.waitFor(30, TimeUnit.SECONDS));
        } finally {
            Erl.kill(erl);
            Erl.kill(node);
            Erl.deleteTree(dir);
        }
    }

    @Test
    void killMinus9OfTheJavaNodeFiresErlangsLinksAndMonitorsWithNoconnection() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        Path dir = Files.createTempDirectory("jreign-otp-node-kill-it");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        String javaNode = "kill" + suffix + "@localhost";
        Process node = null;
        Process erl = null;
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0))) {
            node = startScript(dir, javaNode, epmd.port());
            String n = "'" + javaNode + "'";
            String eval = "process_flag(trap_exit, true), pong = net_adm:ping(" + n + "),"
                    + "ok = gen_server:call({echo, " + n + "}, {link, self()}),"
                    + "MR = erlang:monitor(process, {echo, " + n + "}),"
                    + "io:format(\"ARMED~n\"),"
                    + "D = receive {'DOWN', MR, _, _, Why} -> Why after 30000 -> none end,"
                    + "E = receive {'EXIT', _, Why2} -> Why2 after 30000 -> none end,"
                    + "io:format(\"~p~n\", [[D, E]]), halt().";
            erl = Erl.start(List.of("erl", "-sname", "dk" + suffix + "@localhost", "-setcookie", "democookie",
                            "-noshell", "-start_epmd", "false", "-eval", eval),
                    Map.of("ERL_EPMD_PORT", Integer.toString(epmd.port())), dir.resolve("erl.stderr"));
            BufferedReader erlOut = new BufferedReader(new InputStreamReader(erl.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ARMED", erlOut.readLine(), () -> Erl.read(dir.resolve("erl.stderr")));
            node.destroyForcibly(); // SIGKILL: the Java node cannot say goodbye
            assertEquals("[noconnection,noconnection]", erlOut.readLine(),
                    () -> Erl.read(dir.resolve("erl.stderr")) + Erl.read(dir.resolve("node.stderr")));
            assertTrue(erl.waitFor(30, TimeUnit.SECONDS));
        } finally {
            Erl.kill(erl);
            Erl.kill(node);
            Erl.deleteTree(dir);
        }
    }

    @Test
    void aBusyWaitThatIsNotMicrosecondsFromZeroToAMillionIsAUsageError() throws Exception {
        Path dir = Files.createTempDirectory("jreign-otp-node-usage-it");
        try {
            for (String bad : List.of("abc", "-1", "1000001")) {
                Process node = Erl.start(List.of(script().toString(), "--name", "never", "--cookie", "c", "--busy-wait", bad),
                        Map.of(), dir.resolve("node.stderr"));
                assertTrue(node.waitFor(60, TimeUnit.SECONDS));
                assertEquals(2, node.exitValue());
                String stderr = Erl.read(dir.resolve("node.stderr"));
                assertTrue(stderr.contains("--busy-wait takes microseconds from 0 to 1000000, was " + bad), stderr);
            }
        } finally {
            Erl.deleteTree(dir);
        }
    }
}
