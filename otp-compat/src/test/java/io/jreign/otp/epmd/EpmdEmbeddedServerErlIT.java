package io.jreign.otp.epmd;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.otp.testing.Erl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real {@code erl -sname} node registers with the embedded server (ERL_EPMD_PORT pointing at
 * it), and erl's {@code net_adm:names()} lists both it and a registration made by the Java client.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EpmdEmbeddedServerErlIT {
    private static Path dir;
    private static EpmdServer server;
    private static EpmdClient client;

    @BeforeAll
    static void startServer() throws IOException {
        assumeTrue(Erl.available(), "erl is not installed");
        dir = Files.createTempDirectory("jreign-epmd-server-it");
        server = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        client = new EpmdClient(server.config().withPort(server.port()));
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        Erl.deleteTree(dir);
    }

    @Test
    void erlRegistersAndListsNames() throws IOException, InterruptedException {
        long suffix = ThreadLocalRandom.current().nextLong(1L << 40);
        String javaName = "jrjava" + Long.toString(suffix, 36);
        String erlName = "jrerl" + Long.toString(suffix, 36);
        String eval = "{ok, Names} = net_adm:names(),"
                + " [io:format(\"NAME ~s ~b~n\", [N, P]) || {N, P} <- Names],"
                + " io:format(\"END~n\"), io:get_line(''), halt().";
        try (EpmdRegistration java = client.register(javaName, 6123)) {
            Process erl = Erl.start(List.of("erl", "-sname", erlName, "-setcookie", "jreign_test_cookie", "-noshell",
                            "-start_epmd", "false", "-eval", eval),
                    Map.of("ERL_EPMD_PORT", Integer.toString(server.port())), dir.resolve("erl.stderr"));
            try {
                Map<String, Integer> listed = new HashMap<>();
                BufferedReader out = new BufferedReader(new InputStreamReader(erl.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null && !line.equals("END"); line = out.readLine()) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[0].equals("NAME")) {
                        listed.put(parts[1], Integer.parseInt(parts[2]));
                    }
                }
                NodeInfo registered = server.lookup(erlName).orElseThrow(
                        () -> new AssertionError("erl did not register; its stderr: " + Erl.read(dir.resolve("erl.stderr"))));
                assertEquals(Map.of(javaName, 6123, erlName, registered.port()), listed, "net_adm:names()");
                assertEquals(NodeType.NORMAL, registered.type());
                assertEquals(6, registered.highestVersion());
                assertEquals(5, registered.lowestVersion());
                assertEquals(registered, client.portPlease(erlName).orElseThrow());
                assertTrue(java.isActive());
                erl.getOutputStream().close(); // io:get_line/1 returns eof: erl halts
                assertTrue(erl.waitFor(60, TimeUnit.SECONDS), "erl halts when its stdin closes");
            } finally {
                Erl.kill(erl);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> server.lookup(erlName).isEmpty());
            assertEquals(Map.of(javaName, 6123), client.names().nodes());
        }
    }
}
