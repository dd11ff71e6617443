package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSpecFileTest {
  private static final Instant NOW = Instant.now();
  private static final NodeName A = NodeName.of("a");
  private static final NodeName B = NodeName.of("b");
  private static final NodeName C = NodeName.of("c");
  private static final Host LOOPBACK = Host.parse("127.0.0.1");

  @TempDir
  Path dir;

  @Test
  void writesTheClusterModulesFormat() throws Exception {
    ClusterSpecFile spec = ClusterSpecFile.consecutive("dev-cluster", LOOPBACK, List.of(A, B), 7400);

    assertEquals("""
        {
          "cluster": "dev-cluster",
          "ca": "ca/ca.pem",
          "certificate": "nodes/{node}/node.pem",
          "key": "nodes/{node}/node.key",
          "serializer": "kryo",
          "nodes": [
            {
              "name": "a",
              "advertise": "127.0.0.1:7400",
              "listen": "127.0.0.1:7400"
            },
            {
              "name": "b",
              "advertise": "127.0.0.1:7401",
              "listen": "127.0.0.1:7401"
            }
          ]
        }
        """, spec.toJson());
    JsonNode parsed = new ObjectMapper().readTree(spec.toJson());
    assertEquals(List.of("cluster", "ca", "certificate", "key", "serializer", "nodes"),
        fieldNames(parsed));
    assertEquals("dev-cluster", parsed.get("cluster").asText());
    assertEquals(2, parsed.get("nodes").size());
    assertEquals("127.0.0.1:7401", parsed.get("nodes").get(1).get("advertise").asText());
  }

  @Test
  void escapesWhatIsNotAsciiAndBracketsIpv6() throws Exception {
    ClusterSpecFile spec = ClusterSpecFile.consecutive("clüster \"x\"", Host.parse("::1"), List.of(A), 9000);

    String json = spec.toJson();
    assertTrue(json.chars().allMatch(c -> c < 128), json);
    JsonNode parsed = new ObjectMapper().readTree(json);
    assertEquals("clüster \"x\"", parsed.get("cluster").asText());
    assertEquals("[0:0:0:0:0:0:0:1]:9000", parsed.get("nodes").get(0).get("advertise").asText());
    assertEquals("[0:0:0:0:0:0:0:1]:9000", spec.address(A));
  }

  @Test
  void takesExplicitPortsInTheGivenOrder() {
    Map<NodeName, Integer> ports = new LinkedHashMap<>();
    ports.put(B, 5001);
    ports.put(A, 4001);
    ClusterSpecFile spec = new ClusterSpecFile("x", Host.parse("node.example.com"), ports);

    assertEquals(List.of(B, A), spec.nodes());
    assertEquals("node.example.com:4001", spec.address(A));
    Map<NodeName, Integer> twice = new LinkedHashMap<>();
    twice.put(A, 4001);
    twice.put(B, 4001);
    assertEquals("port 4001 is given to both node 'a' and node 'b'", assertThrows(CertToolException.class,
        () -> new ClusterSpecFile("x", LOOPBACK, twice)).getMessage());
    assertEquals("port of node 'a' must be between 1 and 65535, not 0", assertThrows(CertToolException.class,
        () -> new ClusterSpecFile("x", LOOPBACK, Map.of(A, 0))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> spec.address(C));
  }

  @Test
  void namesTheBasePortWhenAPortFallsOutOfRange() {
    assertEquals("--base-port must be between 1 and 65535, not 0", assertThrows(CertToolException.class,
        () -> ClusterSpecFile.consecutive("x", LOOPBACK, List.of(A), 0)).getMessage());
    assertEquals("--base-port must be between 1 and 65535, not 65536", assertThrows(CertToolException.class,
        () -> ClusterSpecFile.consecutive("x", LOOPBACK, List.of(A), 65_536)).getMessage());
    assertEquals("--base-port 65534 leaves no port for 3 nodes: the last would be 65536, above 65535",
        assertThrows(CertToolException.class,
            () -> ClusterSpecFile.consecutive("x", LOOPBACK, List.of(A, B, C), 65_534)).getMessage());
    assertEquals(65_535, ClusterSpecFile.consecutive("x", LOOPBACK, List.of(A, B), 65_534).ports().get(B));
  }

  @Test
  void checksTheClusterName() {
    for (String bad : List.of("", "  ", "a\nb", "x".repeat(256))) {
      CertToolException e = assertThrows(CertToolException.class,
          () -> ClusterSpecFile.consecutive(bad, LOOPBACK, List.of(A), 7400));
      assertTrue(e.getMessage().startsWith("--cluster-name: "), e.getMessage());
    }
    assertEquals("prod eu", ClusterSpecFile.consecutive("prod eu", LOOPBACK, List.of(A), 7400).cluster());
  }

  @Test
  void defaultsTheClusterNameToTheDirectorysName() {
    assertEquals("dev-cluster", ClusterSpecFile.defaultClusterName(dir.resolve("dev-cluster")));
    assertEquals("dev-cluster", ClusterSpecFile.defaultClusterName(dir.resolve("dev-cluster/x/..")));
    assertEquals("jreign", ClusterSpecFile.defaultClusterName(dir.getRoot()));
  }

  @Test
  void advertisesTheFirstHostThatIsNotAWildcard() {
    assertEquals(LOOPBACK, ClusterSpecFile.advertiseHost(List.of()));
    assertEquals(Host.parse("10.0.0.5"), ClusterSpecFile.advertiseHost(
        List.of(Host.parse("*.cluster.local"), Host.parse("10.0.0.5"), Host.parse("localhost"))));
    assertThrows(CertToolException.class,
        () -> ClusterSpecFile.consecutive("x", Host.parse("*.cluster.local"), List.of(A), 7400));
  }

  @Test
  void clusterDirectoryWritesTheSpecWithTheCertificates() throws Exception {
    ClusterCredentials cluster = ClusterCredentials.generate(
        ClusterRequest.defaults(List.of(A, B, C), List.of(Host.parse("*.cluster.local"), Host.parse("10.1.2.3")),
            NOW));
    ClusterSpecFile spec = ClusterSpecFile.forCluster("prod", cluster, 8000);
    assertEquals("10.1.2.3:8002", spec.address(C));

    ClusterLayout layout = ClusterDirectory.write(dir, cluster, spec, Optional.empty(), false);

    assertEquals(Optional.of(dir.resolve("cluster.json")), layout.specFile());
    assertEquals(dir.resolve("cluster.json"), layout.files().getLast());
    assertEquals(spec.toJson(), Files.readString(dir.resolve("cluster.json")));
    assertEquals("rw-r--r--",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cluster.json"))));
    assertTrue(Files.exists(dir.resolve("nodes/c/node.key")));
    assertEquals(Optional.empty(), ClusterDirectory.write(dir.resolve("other"), cluster, Optional.empty(), false)
        .specFile());
  }

  @Test
  void anExistingSpecFileStopsTheWholeClusterWrite() throws Exception {
    ClusterCredentials cluster = ClusterCredentials.generate(ClusterRequest.defaults(List.of(A, B), List.of(), NOW));
    ClusterSpecFile spec = ClusterSpecFile.forCluster("x", cluster, 7400);
    Files.writeString(dir.resolve("cluster.json"), "{}");

    CertToolException e = assertThrows(CertToolException.class,
        () -> ClusterDirectory.write(dir, cluster, spec, Optional.empty(), false));
    assertEquals(dir.resolve("cluster.json") + " already exists; use --force to overwrite it", e.getMessage());
    assertTrue(Files.notExists(dir.resolve("ca")));
    assertTrue(Files.notExists(dir.resolve("nodes")));
    assertEquals("{}", Files.readString(dir.resolve("cluster.json")));
    assertThrows(CertToolException.class, () -> ClusterDirectory.requireWritable(dir, List.of(A, B), true, false));
    ClusterDirectory.requireWritable(dir, List.of(A, B), false, false);
    assertThrows(CertToolException.class, () -> spec.write(dir, false));

    ClusterDirectory.write(dir, cluster, spec, Optional.empty(), true);
    assertEquals(spec.toJson(), Files.readString(dir.resolve("cluster.json")));
  }

  @Test
  void refusesASpecForOtherNodes() {
    ClusterCredentials cluster = ClusterCredentials.generate(ClusterRequest.defaults(List.of(A, B), List.of(), NOW));
    ClusterSpecFile spec = ClusterSpecFile.consecutive("x", LOOPBACK, List.of(B, A), 7400);

    CertToolException e = assertThrows(CertToolException.class,
        () -> ClusterDirectory.write(dir, cluster, spec, Optional.empty(), false));
    assertEquals("the spec file's nodes [b, a] are not the cluster's nodes [a, b]", e.getMessage());
    assertTrue(Files.notExists(dir.resolve("ca")));
  }

  static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
