package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard {@code openssl s_client} against a node: what a stranger with ordinary tools gets. */
class OpensslClientIT {
    @TempDir
    Path dir;
    TestCluster cluster;
    ClusterNode a;
    LogCapture log;

    @BeforeEach
    void setUp() {
        assumeTrue(new File("/usr/bin/openssl").canExecute() || onPath("openssl"), "the openssl command is installed");
        cluster = new TestCluster(dir, "a", "b");
        cluster.timeouts("""
                {"heartbeatInterval": "200ms", "heartbeatTimeout": "10s", "connectTimeout": "1s"}""");
        a = cluster.start("a");
        log = LogCapture.of("io.jreign.cluster");
    }

    @AfterEach
    void tearDown() {
        if (log != null) {
            log.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(directory, command).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Runs s_client with {@code options}, saying nothing; its combined output. */
    private String sClient(String... options) throws IOException, InterruptedException {
        return sClient(true, options);
    }

    /**
     * Runs s_client with {@code options}; its combined output. With {@code hangUp}, its input ends
     * at once (it closes the connection after the TLS handshake); else it waits for the node to close.
     */
    private String sClient(boolean hangUp, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + cluster.port("a")));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (hangUp) {
            process.getOutputStream().close();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "s_client finished");
        process.getOutputStream().close();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void withoutACertificateItIsRefused() throws Exception {
        long before = a.stats().refusedConnections();
        sClient("-tls1_3");
        await().atMost(WAIT).until(() -> a.stats().refusedConnections() == before + 1);
        assertTrue(log.has("refused connection from 127.0.0.1:", "TLS handshake failed"), log.lines().toString());
    }

    @Test
    void tls12IsRefused() throws Exception {
        long before = a.stats().refusedConnections();
        String output = sClient("-tls1_2", "-cert", dir.resolve("b.pem").toString(), "-key", dir.resolve("b.key").toString());
        await().atMost(WAIT).until(() -> a.stats().refusedConnections() == before + 1);
        assertTrue(output.contains("no peer certificate available"), "no TLS 1.2 session:\n" + output);
    }

    @Test
    void aMembersCertificateGetsThroughTlsButSilenceIsRefusedAtTheConnectTimeout() throws Exception {
        long before = a.stats().refusedConnections();
        String output = sClient(false, "-tls1_3", "-cert", dir.resolve("b.pem").toString(), "-key",
                dir.resolve("b.key").toString(), "-CAfile", dir.resolve("ca.pem").toString(), "-verify_return_error");
        assertTrue(output.contains("Verify return code: 0 (ok)"), "the node's chain verifies with the CA:\n" + output);
        await().atMost(WAIT).until(() -> a.stats().refusedConnections() == before + 1);
        assertTrue(log.has("handshake not finished within 1000 ms"), log.lines().toString());
        assertEquals(0, a.stats().connectedPeers());
    }
}
