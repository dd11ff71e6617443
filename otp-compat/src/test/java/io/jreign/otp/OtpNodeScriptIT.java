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
 * call {stop, Reason}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OtpNodeScriptIT {
    @Test
    void demoNodeAnswersErl() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        Path dir = Files.createTempDirectory("jreign-otp-node-it");
        Path script = Path.of("bin/otp-node").toAbsolutePath();
        // The launcher reads its classpath from this file; write it from ours so it needs no nested mvn.
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("/classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Files.writeString(Path.of("target/otp-node.classpath"), classpath);
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        String javaNode = "demo" + suffix + "@localhost";
        Process node = null;
        Process erl = null;
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0))) {
            node = Erl.start(List.of(script.toString(), "--name", javaNode, "--cookie", "democookie", "--epmd-port",
                    Integer.toString(epmd.port())), Map.of(), dir.resolve("node.stderr"));
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready " + javaNode, out.readLine(), () -> Erl.read(dir.resolve("node.stderr")));
            String n = "'" + javaNode + "'";
            String eval = "P = net_adm:ping(" + n + "),"
                    + "R1 = gen_server:call({echo, " + n + "}, hello),"
                    + "gen_server:cast({echo, " + n + "}, {send, self(), casted}),"
                    + "R2 = receive X -> X after 5000 -> none end,"
                    + "{echo, " + n + "} ! {ping, self()},"
                    + "R3 = receive Y -> Y after 5000 -> none end,"
                    + "W = spawn(fun() -> receive stop -> exit(bye) end end),"
                    + "Ref = gen_server:call({echo, " + n + "}, {monitor, W}),"
                    + "W ! stop,"
                    + "R4 = receive {'DOWN', Ref, process, W, Why} -> Why after 5000 -> none end,"
                    + "MR = erlang:monitor(process, {echo, " + n + "}),"
                    + "ok = gen_server:call({echo, " + n + "}, {stop, shutdown}),"
                    + "R5 = receive {'DOWN', MR, _, _, Why2} -> Why2 after 5000 -> none end,"
                    + "io:format(\"~p~n\", [[P, R1, R2, R3, R4, R5]]), halt().";
            erl = Erl.start(List.of("erl", "-sname", "dt" + suffix + "@localhost", "-setcookie", "democookie",
                            "-noshell", "-start_epmd", "false", "-eval", eval),
                    Map.of("ERL_EPMD_PORT", Integer.toString(epmd.port())), dir.resolve("erl.stderr"));
            BufferedReader erlOut = new BufferedReader(new InputStreamReader(erl.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("[pong,hello,casted,pong,bye,shutdown]", erlOut.readLine(),
                    () -> Erl.read(dir.resolve("erl.stderr")) + Erl.read(dir.resolve("node.stderr")));
            assertTrue(erl.waitFor(30, TimeUnit.SECONDS));
        } finally {
            Erl.kill(erl);
            Erl.kill(node);
            Erl.deleteTree(dir);
        }
    }
}
