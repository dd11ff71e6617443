package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.ClusterSpec;
import io.jreign.cluster.ClusterSpec.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatDirectoryTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theFirstRunMakesACaCertificatesAndASpecForNodes1And2() {
        ChatDirectory.Prepared prepared = ChatDirectory.prepare(dir, 17_000, CLOCK);

        assertTrue(prepared.created());
        assertEquals(dir.resolve("cluster.json"), prepared.specFile());
        ClusterSpec spec = ClusterSpec.load(prepared.specFile());
        assertEquals(ChatDirectory.CLUSTER_NAME, spec.cluster());
        assertEquals(List.of("1", "2"), spec.nodes().stream().map(ClusterSpec.Member::name).toList());
        assertEquals(new Endpoint("127.0.0.1", 17_000), spec.member("1").listen());
        assertEquals(new Endpoint("127.0.0.1", 17_001), spec.member("2").advertise());
        for (String file : List.of("ca/ca.pem", "ca/ca.key", "nodes/1/node.pem", "nodes/1/node.key", "nodes/2/node.pem")) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
        assertFalse(Files.exists(dir.resolve(ChatDirectory.CREATING_MARKER)));
    }

    @Test
    void laterRunsUseTheClusterAsItIs() throws Exception {
        ChatDirectory.prepare(dir, 17_000, CLOCK);
        byte[] ca = Files.readAllBytes(dir.resolve("ca/ca.pem"));

        ChatDirectory.Prepared again = ChatDirectory.prepare(dir, 18_000, CLOCK);

        assertFalse(again.created());
        assertArrayEquals(ca, Files.readAllBytes(dir.resolve("ca/ca.pem")));
        assertEquals(17_000, ClusterSpec.load(again.specFile()).member("1").listen().port(), "--base-port only applies when made");
    }

    @Test
    void startsAtTheSameTimeMakeOneCluster() throws Exception {
        int starts = 4;
        CyclicBarrier together = new CyclicBarrier(starts);
        List<Future<ChatDirectory.Prepared>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(starts)) {
            for (int i = 0; i < starts; i++) {
                results.add(pool.submit(() -> {
                    together.await();
                    return ChatDirectory.prepare(dir, 17_000, CLOCK);
                }));
            }
        }
        long made = 0;
        for (Future<ChatDirectory.Prepared> result : results) {
            made += result.get().created() ? 1 : 0;
        }
        assertEquals(1, made);
        assertTrue(Files.isRegularFile(dir.resolve("cluster.json")));
    }

    @Test
    void aCreationCutShortIsMadeAgain() throws Exception {
        Files.writeString(dir.resolve(ChatDirectory.CREATING_MARKER), "");
        Files.createDirectories(dir.resolve("ca"));
        Files.writeString(dir.resolve("ca/ca.pem"), "half written");

        ChatDirectory.Prepared prepared = ChatDirectory.prepare(dir, 17_000, CLOCK);

        assertTrue(prepared.created());
        assertTrue(Files.readString(dir.resolve("ca/ca.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
        ClusterSpec.load(prepared.specFile());
    }

    @Test
    void aDirectoryHoldingSomeoneElsesCaIsRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(dir.resolve("ca"));
        Files.writeString(dir.resolve("ca/ca.key"), "precious");

        ChatSetupException refused = assertThrows(ChatSetupException.class, () -> ChatDirectory.prepare(dir, 17_000, CLOCK));

        assertTrue(refused.getMessage().contains(dir.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("not a chat cluster"), refused.getMessage());
        assertEquals("precious", Files.readString(dir.resolve("ca/ca.key")));
        assertFalse(Files.exists(dir.resolve("cluster.json")));
    }

    @Test
    void aBasePortWithoutRoomForNode2IsRefusedBeforeAnythingIsWritten() {
        ChatSetupException refused = assertThrows(ChatSetupException.class, () -> ChatDirectory.prepare(dir, 65_535, CLOCK));

        assertTrue(refused.getMessage().contains("--base-port 65535"), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("ca")));
        assertFalse(Files.exists(dir.resolve(ChatDirectory.CREATING_MARKER)));
    }
}
