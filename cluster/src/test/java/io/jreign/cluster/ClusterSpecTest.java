package io.jreign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec file: every field read, defaults, and errors that name the field. */
class ClusterSpecTest {
    @TempDir
    Path dir;

    private static final String FULL = """
            {
              "cluster": "chat",
              "ca": "ca.pem",
              "certificate": "nodes/{node}.pem",
              "key": "nodes/{node}.key",
              "serializer": "kryo",
              "register": ["com.example.Ping", "com.example.Outer$Inner"],
              "timeouts": {"heartbeatInterval": "250ms", "heartbeatTimeout": "2s", "connectTimeout": "PT3S",
                           "undeliverableWait": "1m", "sendTimeout": "4s", "reconnectMin": "10ms", "reconnectMax": "2s"},
              "limits": {"maxFrameSize": "2MiB", "outboundQueue": 8388608},
              "nodes": [
                {"name": "a", "advertise": "10.0.0.1:7400", "listen": "0.0.0.0:7400"},
                {"name": "b", "advertise": "host-b:7401"},
                {"name": "c@host", "advertise": "[::1]:7402", "certificate": "c.pem", "key": "c.key"}
              ]
            }
            """;

    @BeforeEach
    void writeCa() throws IOException {
        Files.writeString(dir.resolve("ca.pem"), "not parsed at load");
    }

    @Test
    void readsEveryField() {
        ClusterSpec spec = ClusterSpec.parse(FULL, dir);
        assertEquals("chat", spec.cluster());
        assertEquals(dir.resolve("ca.pem"), spec.ca());
        assertEquals(List.of("com.example.Ping", "com.example.Outer$Inner"), spec.registrations());
        assertEquals(new ClusterSpec.Timeouts(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMinutes(1), Duration.ofSeconds(4), Duration.ofMillis(10), Duration.ofSeconds(2)), spec.timeouts());
        assertEquals(new ClusterSpec.Limits(2 << 20, 8 << 20), spec.limits());
        ClusterSpec.Member a = spec.member("a");
        assertEquals(new ClusterSpec.Endpoint("10.0.0.1", 7400), a.advertise());
        assertEquals(dir.resolve("nodes/a.pem"), a.certificate());
        assertEquals(dir.resolve("nodes/a.key"), a.key());
        ClusterSpec.Member b = spec.member("b");
        assertEquals(new ClusterSpec.Endpoint("0.0.0.0", 7401), b.listen(), "listen defaults to the advertised port");
        ClusterSpec.Member c = spec.member("c@host");
        assertEquals(new ClusterSpec.Endpoint("::1", 7402), c.advertise());
        assertEquals("[::1]:7402", c.advertise().toString());
        assertEquals(dir.resolve("c.pem"), c.certificate());
        assertTrue(spec.isMember("b"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> spec.member("zed"));
        assertTrue(unknown.getMessage().contains("[a, b, c@host]"), unknown.getMessage());
    }

    @Test
    void loadResolvesPathsAgainstTheFilesDirectoryAndDefaultsTheRest() throws IOException {
        Files.writeString(dir.resolve("spec.json"), """
                {"cluster": "x", "ca": "ca.pem", "certificate": "{node}.pem", "key": "{node}.key",
                 "nodes": [{"name": "a", "advertise": "127.0.0.1:1"}]}""");
        ClusterSpec spec = ClusterSpec.load(dir.resolve("spec.json"));
        assertEquals(ClusterSpec.Timeouts.DEFAULTS, spec.timeouts());
        assertEquals(ClusterSpec.Limits.DEFAULTS, spec.limits());
        assertEquals("kryo", spec.serializer());
        assertEquals(dir.toAbsolutePath().resolve("a.pem"), spec.member("a").certificate());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nodes[0].listen                | "listen": "0.0.0.0:7400"              | "listen": "0.0.0.0:70000"
            nodes[1].name                  | "name": "b"                            | "name": "a"
            nodes[1].name                  | "name": "b"                            | "name": "b c"
            nodes[1].advertise             | "advertise": "host-b:7401"             | "advertise": "host-b"
            nodes[1].advertise             | "advertise": "host-b:7401"             | "advertise": "10.0.0.1:7400"
            nodes[0].listen                | "listen": "0.0.0.0:7400"              | "listen": "nowhere"
            timeouts.heartbeatTimeout      | "heartbeatTimeout": "2s"               | "heartbeatTimeout": "100ms"
            timeouts.sendTimeout           | "sendTimeout": "4s"                    | "sendTimeout": "soon"
            timeouts.reconnectMax          | "reconnectMax": "2s"                   | "reconnectMax": "1ms"
            timeouts.connectTimeout        | "connectTimeout": "PT3S"               | "connectTimeout": "0s"
            limits.outboundQueue           | "outboundQueue": 8388608               | "outboundQueue": "1MiB"
            limits.maxFrameSize            | "maxFrameSize": "2MiB"                 | "maxFrameSize": "2GiB"
            limits.maxNamesPerNode         | "outboundQueue": 8388608               | "outboundQueue": 8388608, "maxNamesPerNode": 0
            limits.maxNamesPerNode         | "outboundQueue": 8388608               | "outboundQueue": 8388608, "maxNamesPerNode": "many"
            limits.maxNamesPerNode         | "outboundQueue": 8388608               | "outboundQueue": 8388608, "maxNamesPerNode": 1048577
            serializer                     | "serializer": "kryo"                   | "serializer": "java"
            register[1]                    | "com.example.Outer$Inner"              | "not a class"
            ca                             | "ca": "ca.pem"                         | "ca": "missing.pem"
            cluster                        | "cluster": "chat"                      | "cluster": 7
            certificate                    | "certificate": "nodes/{node}.pem"      | "certificate": "nodes/all.pem"
            timeouts.heartbeatPeriod       | "heartbeatInterval": "250ms"           | "heartbeatPeriod": "250ms"
            nodes[2].colour                | "certificate": "c.pem"                 | "colour": "red", "certificate": "c.pem"
            """)
    void errorsNameTheField(String field, String good, String bad) {
        assertTrue(FULL.contains(good), "the example contains " + good);
        ClusterSpecException e = assertThrows(ClusterSpecException.class,
                () -> ClusterSpec.parse(FULL.replace(good, bad), dir));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    @Test
    void missingAndMalformedFilesAreReported() {
        ClusterSpecException missing = assertThrows(ClusterSpecException.class, () -> ClusterSpec.load(dir.resolve("none.json")));
        assertEquals("(file)", missing.field());
        assertEquals("nodes", assertThrows(ClusterSpecException.class,
                () -> ClusterSpec.parse("{\"cluster\": \"x\", \"ca\": \"ca.pem\", \"nodes\": []}", dir)).field());
        assertEquals("(file)", assertThrows(ClusterSpecException.class, () -> ClusterSpec.parse("{", dir)).field());
        assertEquals("nodes[0].certificate", assertThrows(ClusterSpecException.class, () -> ClusterSpec.parse(
                "{\"cluster\": \"x\", \"ca\": \"ca.pem\", \"nodes\": [{\"name\": \"a\", \"advertise\": \"h:1\"}]}", dir)).field());
    }

    @Test
    void startingANodeChecksItsOwnCertificate() throws IOException {
        TestPki.Issued ca = TestPki.ca("ca");
        TestPki.writeCertificate(dir.resolve("ca.pem"), ca.certificate());
        TestPki.node(ca, "b").write(dir.resolve("a.pem"), dir.resolve("a.key")); // b's certificate in a's place
        ClusterSpec spec = ClusterSpec.parse("""
                {"cluster": "x", "ca": "ca.pem", "certificate": "{node}.pem", "key": "{node}.key",
                 "nodes": [{"name": "a", "advertise": "127.0.0.1:1"}, {"name": "b", "advertise": "127.0.0.1:2"}]}""", dir);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> ClusterNode.start(spec, "a"));
        assertTrue(wrong.getMessage().contains("is for node b"), wrong.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ClusterNode.start(spec, "b"));
        assertTrue(missing.getMessage().contains("b.pem"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterNode.start(spec, "nobody"));
    }

    @Test
    void maxNamesPerNodeIsReadAndDefaultsToTheRegistrysCap() {
        assertEquals(io.jreign.mailbox.Names.MAX_CLAIMS_PER_REMOTE_NODE, ClusterSpec.parse(FULL, dir).limits().maxNamesPerNode());
        ClusterSpec spec = ClusterSpec.parse(FULL.replace("\"outboundQueue\": 8388608", "\"outboundQueue\": 8388608, \"maxNamesPerNode\": 500"), dir);
        assertEquals(new ClusterSpec.Limits(2 << 20, 8 << 20, 500), spec.limits());
    }

    @Test
    void membersAreAddedAndRemovedWithTheChecksOfTheFile() {
        ClusterSpec spec = ClusterSpec.parse(FULL, dir);
        ClusterSpec.Member d = new ClusterSpec.Member("d", new ClusterSpec.Endpoint("10.0.0.4", 7400),
                new ClusterSpec.Endpoint("0.0.0.0", 7400), dir.resolve("d.pem"), dir.resolve("d.key"));
        ClusterSpec more = spec.withMember(d);
        assertEquals(List.of("a", "b", "c@host", "d"), more.nodes().stream().map(ClusterSpec.Member::name).toList());
        assertEquals(spec.timeouts(), more.timeouts());
        assertEquals(List.of("a", "c@host", "d"), more.withoutMember("b").nodes().stream().map(ClusterSpec.Member::name).toList());
        ClusterSpecException taken = assertThrows(ClusterSpecException.class, () -> more.withMember(d));
        assertEquals("nodes[4].name", taken.field());
        assertTrue(taken.getMessage().contains("\"d\" is also the name of nodes[3]"), taken.getMessage());
        ClusterSpec.Member portZero = new ClusterSpec.Member("e", new ClusterSpec.Endpoint("10.0.0.5", 0), d.listen(), d.certificate(), d.key());
        assertEquals("nodes[3].advertise", assertThrows(ClusterSpecException.class, () -> spec.withMember(portZero)).field());
        assertThrows(IllegalArgumentException.class, () -> spec.withoutMember("zed"));
        ClusterSpec one = spec.withoutMember("b").withoutMember("c@host");
        assertEquals("nodes", assertThrows(ClusterSpecException.class, () -> one.withoutMember("a")).field());
    }
}
