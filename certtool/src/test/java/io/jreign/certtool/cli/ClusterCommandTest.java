package io.jreign.certtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jreign.certtool.CaDirectory;
import io.jreign.certtool.CertificateVerifier;
import io.jreign.certtool.KeyType;
import io.jreign.certtool.NodeCredentials;
import io.jreign.certtool.NodeDirectory;
import io.jreign.certtool.NodeName;
import io.jreign.certtool.PasswordSource;
import io.jreign.certtool.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir
  Path dir;

  @Test
  void writesACaAndOneCertificatePerNode() throws Exception {
    Cli.Result result = new Cli().at(NOW).run("cluster", "--out", dir.toString(), "--nodes", "a,b,c",
        "--host", "127.0.0.1");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.err());
    assertEquals(String.join("\n",
        "Cluster of 3 node(s) in " + dir + ":",
        "  CA          " + dir.resolve("ca") + " (ca.pem, ca.key)",
        "  node a      " + dir.resolve("nodes/a") + " (node.pem, node.key, ca.pem) at 127.0.0.1:7400",
        "  node b      " + dir.resolve("nodes/b") + " (node.pem, node.key, ca.pem) at 127.0.0.1:7401",
        "  node c      " + dir.resolve("nodes/c") + " (node.pem, node.key, ca.pem) at 127.0.0.1:7402",
        "  spec        " + dir.resolve("cluster.json") + " (cluster \"" + dir.getFileName() + "\")",
        "Add \"register\": [\"com.example.Ping\", ...] to the spec for your message classes.", ""), result.out());
    var ca = CaDirectory.load(dir.resolve("ca"), PasswordSource.none(), NOW);
    for (String name : List.of("a", "b", "c")) {
      NodeCredentials node = NodeDirectory.load(dir.resolve("nodes").resolve(name));
      assertEquals(NodeName.of(name), node.name());
      assertEquals(ca.certificate(), node.caCertificate());
      assertTrue(CertificateVerifier.verifyNode(node.certificate(), ca.certificate(), NOW,
          Optional.of(NodeName.of(name))).passed());
      assertTrue(node.certificate().getSubjectAlternativeNames().contains(List.of(7, "127.0.0.1")));
      assertEquals(NOW.plus(Duration.ofDays(365)), node.certificate().getNotAfter().toInstant());
    }
    assertEquals(NOW.plus(Duration.ofDays(3650)), ca.certificate().getNotAfter().toInstant());

    JsonNode spec = new ObjectMapper().readTree(dir.resolve("cluster.json").toFile());
    assertEquals(List.of("cluster", "ca", "certificate", "key", "serializer", "nodes"), fieldNames(spec));
    assertEquals(dir.getFileName().toString(), spec.get("cluster").asText(), "named after the directory");
    assertEquals("ca/ca.pem", spec.get("ca").asText());
    assertEquals("nodes/{node}/node.pem", spec.get("certificate").asText());
    assertEquals("nodes/{node}/node.key", spec.get("key").asText());
    assertEquals("kryo", spec.get("serializer").asText());
    assertEquals(3, spec.get("nodes").size());
    List<String> names = List.of("a", "b", "c");
    for (int i = 0; i < 3; i++) {
      JsonNode node = spec.get("nodes").get(i);
      assertEquals(List.of("name", "advertise", "listen"), fieldNames(node));
      assertEquals(names.get(i), node.get("name").asText());
      assertEquals("127.0.0.1:" + (7400 + i), node.get("advertise").asText());
      assertEquals("127.0.0.1:" + (7400 + i), node.get("listen").asText());
      String certificate = spec.get("certificate").asText().replace("{node}", names.get(i));
      assertEquals(NodeName.of(names.get(i)), NodeDirectory.load(dir.resolve(certificate).getParent()).name());
    }
    assertTrue(Files.isReadable(dir.resolve(spec.get("ca").asText())));
  }

  @Test
  void takesTheBasePortAndClusterName() throws Exception {
    Cli.Result result = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "x,y", "--host", "*.cluster.local",
        "--host", "node.example.com", "--base-port", "9100", "--cluster-name", "prod eu");

    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().contains(" (cluster \"prod eu\")"), result.out());
    JsonNode spec = new ObjectMapper().readTree(dir.resolve("cluster.json").toFile());
    assertEquals("prod eu", spec.get("cluster").asText());
    assertEquals("node.example.com:9100", spec.get("nodes").get(0).get("advertise").asText(), "wildcards skipped");
    assertEquals("node.example.com:9101", spec.get("nodes").get(1).get("advertise").asText());
    assertEquals("node.example.com:9101", spec.get("nodes").get(1).get("listen").asText());
  }

  @Test
  void withoutHostTheNodesAreOnLoopback() throws Exception {
    Cli.Result result = new Cli().run("cluster", "--out", dir.resolve("dev").toString(), "--nodes", "a");

    assertEquals(0, result.exitCode(), result::toString);
    JsonNode spec = new ObjectMapper().readTree(dir.resolve("dev/cluster.json").toFile());
    assertEquals("dev", spec.get("cluster").asText());
    assertEquals("127.0.0.1:7400", spec.get("nodes").get(0).get("advertise").asText());
  }

  @Test
  void namesABadBasePort() {
    Cli.Result zero = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a", "--base-port", "0");
    assertEquals(2, zero.exitCode(), zero::toString);
    assertEquals("certtool: --base-port must be between 1 and 65535, not 0\n", zero.err());

    Cli.Result tooHigh = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a,b", "--base-port", "65535");
    assertEquals(2, tooHigh.exitCode(), tooHigh::toString);
    assertEquals("certtool: --base-port 65535 leaves no port for 2 nodes: the last would be 65536, above 65535\n",
        tooHigh.err());

    Cli.Result text = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a", "--base-port", "http");
    assertEquals(2, text.exitCode(), text::toString);
    assertTrue(text.err().startsWith("certtool cluster: Invalid value for option '--base-port': 'http' is not an int"),
        text.err());
    assertTrue(Files.notExists(dir.resolve("ca")), "nothing written");
    assertTrue(Files.notExists(dir.resolve("cluster.json")), "nothing written");
  }

  @Test
  void namesABadClusterName() {
    Cli.Result result = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a", "--cluster-name", " ");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool: --cluster-name: ' ' is not a valid cluster name"), result.err());
    assertTrue(Files.notExists(dir.resolve("ca")), "nothing written");
  }

  @Test
  void anExistingSpecFileIsNotOverwrittenWithoutForce() throws Exception {
    Files.writeString(dir.resolve("cluster.json"), "{\"mine\": true}");

    Cli.Result result = new Cli().env("PW", "pw").run("cluster", "--out", dir.toString(), "--nodes", "a,b",
        "--password-env", "PW");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: " + dir.resolve("cluster.json") + " already exists; use --force to overwrite it\n",
        result.err());
    assertEquals("{\"mine\": true}", Files.readString(dir.resolve("cluster.json")));
    assertTrue(Files.notExists(dir.resolve("ca")), "nothing written");
    assertTrue(Files.notExists(dir.resolve("nodes")), "nothing written");

    Cli.Result forced = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a,b", "--force");
    assertEquals(0, forced.exitCode(), forced::toString);
    assertEquals("127.0.0.1:7401", new ObjectMapper().readTree(dir.resolve("cluster.json").toFile())
        .get("nodes").get(1).get("advertise").asText());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void takesKeyTypeDaysCaNameAndPassword() {
    Cli.Result result = new Cli().at(NOW).env("PW", "pw").run("cluster", "--out", dir.toString(), "--nodes", "x",
        "--key", "rsa-3072", "--days", "3", "--ca-days", "9", "--name", "Staging CA", "--password-env", "PW");

    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().contains("(ca.pem, ca.key encrypted)"), result.out());
    var ca = CaDirectory.load(dir.resolve("ca"), PasswordSource.of("pw".toCharArray()), NOW);
    assertEquals("CN=Staging CA", ca.certificate().getSubjectX500Principal().getName());
    assertEquals(KeyType.RSA_3072, KeyType.of(ca.privateKey()));
    assertEquals(NOW.plus(Duration.ofDays(9)), ca.certificate().getNotAfter().toInstant());
    NodeCredentials x = NodeDirectory.load(dir.resolve("nodes/x"));
    assertEquals(KeyType.RSA_3072, KeyType.of(x.privateKey()));
    assertEquals(NOW.plus(Duration.ofDays(3)), x.certificate().getNotAfter().toInstant());
  }

  @Test
  void rejectsAnInvalidNodeName() {
    Cli.Result result = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a,b c");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool cluster: Invalid value for option '--nodes' (NAME): 'b c' is not a "
        + "valid node name"), result.err());
    assertTrue(Files.notExists(dir.resolve("ca")));
  }

  @Test
  void rejectsAnEmptyNodeName() {
    Cli.Result result = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a,,b");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().contains("Invalid value for option '--nodes'"), result.err());
  }

  @Test
  void rejectsADuplicateNode() {
    Cli.Result result = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a,b,a");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: --nodes: node 'a' is listed twice\n", result.err());
  }

  @Test
  void namesTheDaysOptionThatIsOutOfRange() {
    Cli.Result caDays = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a", "--ca-days", "0");
    assertEquals(2, caDays.exitCode(), caDays::toString);
    assertEquals("certtool: --ca-days must be between 1 and 36500, not 0\n", caDays.err());
    Cli.Result days = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a", "--days", "99999");
    assertEquals(2, days.exitCode(), days::toString);
    assertEquals("certtool: --days must be between 1 and 36500, not 99999\n", days.err());
  }

  @Test
  void rejectsABadHost() {
    Cli.Result result = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a", "--host", "300.1.1.1");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool cluster: Invalid value for option '--host' (H): '300.1.1.1' is "
        + "neither a DNS name nor an IP address"), result.err());
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    assertEquals(0, new Cli().run("cluster", "--out", dir.toString(), "--nodes", "a,b").exitCode());
    String caBefore = Files.readString(dir.resolve("ca/ca.pem"));

    Cli.Result again = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "c,b");
    assertEquals(2, again.exitCode(), again::toString);
    assertEquals("certtool: " + dir.resolve("ca/ca.pem") + " already exists; use --force to overwrite it\n",
        again.err());
    assertEquals(caBefore, Files.readString(dir.resolve("ca/ca.pem")));
    assertTrue(Files.notExists(dir.resolve("nodes/c")), "nothing written");

    Cli.Result forced = new Cli().run("cluster", "--out", dir.toString(), "--nodes", "c,b", "--force");
    assertEquals(0, forced.exitCode(), forced::toString);
    assertTrue(Files.exists(dir.resolve("nodes/c/node.pem")));
    assertEquals(PemFiles.readCertificate(dir.resolve("ca/ca.pem")),
        PemFiles.readCertificate(dir.resolve("nodes/b/ca.pem")));
  }

  @Test
  void requiresOutAndNodes() {
    Cli.Result result = new Cli().run("cluster", "--out", dir.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool cluster: Missing required option: '--nodes=NAME' (see 'certtool cluster --help')\n",
        result.err());
  }
}
