package io.jreign.otp.epmd;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.otp.testing.Erl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against the real {@code epmd} (run in the foreground on a private port), and a real
 * {@code erl -sname} node registering there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EpmdRealEpmdIT {
    private static Path dir;
    private static Process epmd;
    private static EpmdClient client;
    private static int port;

    @BeforeAll
    static void startEpmd() throws IOException {
        assumeTrue(Erl.available() && Erl.epmdAvailable(), "erl/epmd are not installed");
        dir = Files.createTempDirectory("jreign-epmd-it");
        port = Erl.freePort();
        epmd = Erl.start(List.of("epmd", "-port", Integer.toString(port), "-relaxed_command_check"), Map.of(),
                dir.resolve("epmd.stderr"), dir.resolve("epmd.stdout"));
        client = new EpmdClient(EpmdConfig.fromEnvironment(Map.of()).withPort(port));
        await().atMost(Duration.ofSeconds(20)).until(client::isRunning);
    }

    @AfterAll
    static void stopEpmd() throws IOException {
        Erl.kill(epmd);
        Erl.deleteTree(dir);
    }

    private static String uniqueName(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    @Test
    void clientRegistersLooksUpAndUnregisters() throws IOException {
        String name = uniqueName("jrjava");
        NodeInfo info = new NodeInfo(name, 6001, NodeType.HIDDEN, 0, 6, 5, new byte[] {1, 2, 3});
        try (EpmdRegistration registration = client.register(info)) {
            assertTrue(registration.creation() >= 1, "creation " + registration.creation());
            assertEquals(Optional.of(info), client.portPlease(name));
            EpmdNames names = client.names();
            assertEquals(port, names.epmdPort());
            assertEquals(6001, names.nodes().get(name));
            EpmdException taken = assertThrows(EpmdException.class, () -> client.register(name, 6002));
            assertTrue(taken.result() > 0);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> client.portPlease(name).isEmpty());
        assertTrue(!client.names().nodes().containsKey(name));
    }

    @Test
    void realErlangNodeIsSeen() throws IOException {
        String name = uniqueName("jrerl");
        Process erl = Erl.start(List.of("erl", "-sname", name, "-setcookie", "jreign_test_cookie", "-noshell",
                        "-noinput", "-start_epmd", "false"), Map.of("ERL_EPMD_PORT", Integer.toString(port)),
                dir.resolve(name + ".stderr"), dir.resolve(name + ".stdout"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> client.portPlease(name).isPresent());
            NodeInfo node = client.portPlease(name).orElseThrow();
            assertEquals(NodeType.NORMAL, node.type());
            assertEquals(0, node.protocol());
            assertEquals(6, node.highestVersion());
            assertEquals(5, node.lowestVersion());
            assertTrue(node.port() > 0);
            assertEquals(node.port(), client.names().nodes().get(name));
        } finally {
            Erl.kill(erl);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> client.portPlease(name).isEmpty());
    }
}
