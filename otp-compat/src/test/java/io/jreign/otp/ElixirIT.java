package io.jreign.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.otp.demo.EchoServer;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.testing.Erl;
import java.nio.charset.StandardCharsets;
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
 * A real Elixir node (Debian's elixir) connects to a jreign OtpNode over DIST, through a private
 * embedded EPMD, and drives the demo {@code echo} gen_server with {@code GenServer.call} and
 * {@code GenServer.cast}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ElixirIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String COOKIE = "jreign_elixir_it";

    @Test
    void elixirCallsAndCastsTheJavaEchoServer() throws Exception {
        assumeTrue(onPath("elixir"), "elixir is not installed");
        Path dir = Files.createTempDirectory("jreign-elixir-it");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        Process elixir = null;
        List<ProcessHandle> leftovers = List.of();
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
                OtpNode java = OtpNode.start(OtpNodeConfig.of("jx" + suffix + "@localhost", COOKIE)
                        .withEpmdPort(epmd.port()))) {
            GenServer.start(java.processes(), "echo", new EchoServer(), null, WAIT);
            String node = ":\"" + java.name() + "\"";
            String code = "true = Node.connect(" + node + ");"
                    + "term = {:hello, [1, 2.5, \"bin\", %{a: 1}]};"
                    + "reply = GenServer.call({:echo, " + node + "}, term);"
                    + "IO.inspect(reply);"
                    + "IO.inspect(reply === term);"
                    + "GenServer.cast({:echo, " + node + "}, {:send, self(), :casted});"
                    + "receive do m -> IO.inspect(m) after 5000 -> IO.puts(\"timeout\") end;"
                    + "System.halt(0)";
            elixir = Erl.start(List.of("elixir", "--sname", "ex" + suffix + "@localhost", "--cookie", COOKIE,
                            "--erl", "-start_epmd false", "-e", code),
                    Map.of("ERL_EPMD_PORT", Integer.toString(epmd.port())), dir.resolve("elixir.stderr"),
                    dir.resolve("elixir.stdout"));
            assertTrue(elixir.waitFor(60, TimeUnit.SECONDS), () -> "elixir did not halt; stdout:\n"
                    + Erl.read(dir.resolve("elixir.stdout")) + "stderr:\n" + Erl.read(dir.resolve("elixir.stderr")));
            String out = Files.readString(dir.resolve("elixir.stdout"), StandardCharsets.UTF_8);
            System.out.println("elixir printed:\n" + out);
            int exit = elixir.exitValue();
            assertEquals(0, exit, () -> "elixir exited " + exit + "; stdout:\n" + out + "stderr:\n"
                    + Erl.read(dir.resolve("elixir.stderr")));
            assertEquals(List.of("{:hello, [1, 2.5, \"bin\", %{a: 1}]}", "true", ":casted"), out.lines().toList(),
                    () -> "stderr:\n" + Erl.read(dir.resolve("elixir.stderr")));
        } finally {
            leftovers = elixir == null ? List.of() : elixir.descendants().toList();
            Erl.kill(elixir);
            leftovers.forEach(ProcessHandle::destroyForcibly);
            Erl.deleteTree(dir);
        }
        assertFalse(elixir.isAlive(), "elixir still running");
        List<ProcessHandle> remaining = leftovers.stream().filter(ProcessHandle::isAlive).toList();
        assertTrue(remaining.isEmpty(), () -> "left running: " + remaining);
    }

    private static boolean onPath(String program) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + program).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } finally {
                Erl.kill(p);
            }
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
