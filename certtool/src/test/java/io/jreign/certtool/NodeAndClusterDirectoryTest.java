package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeAndClusterDirectoryTest {
  private static final Instant NOW = Instant.now();
  private static final List<NodeName> ABC = List.of(NodeName.of("a"), NodeName.of("b"), NodeName.of("c"));

  @TempDir
  Path dir;

  @Test
  void nodeFilesRoundTrip() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaRequest.defaults(NOW));
    NodeCredentials node = ca.issue(NodeRequest.defaults(NodeName.of("a"), List.of(), NOW));

    List<Path> written = NodeDirectory.write(dir, node, false);

    assertEquals(List.of(dir.resolve("node.pem"), dir.resolve("node.key"), dir.resolve("ca.pem")), written);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(NodeDirectory.keyFile(dir))));
    NodeCredentials loaded = NodeDirectory.load(dir);
    assertEquals(node, loaded);
    assertThrows(CertToolException.class, () -> NodeDirectory.write(dir, node, false));
    assertThrows(CertToolException.class, () -> NodeDirectory.requireWritable(dir, false));
    NodeDirectory.write(dir, node, true);
  }

  @Test
  void nodeLoadNamesAMismatchedKey() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create(CaRequest.defaults(NOW));
    NodeDirectory.write(dir, ca.issue(NodeRequest.defaults(NodeName.of("a"), List.of(), NOW)), false);
    Files.writeString(NodeDirectory.keyFile(dir), PemFiles.encode(KeyType.EC_P256.generate().getPrivate(),
        Optional.empty()));
    assertEquals("node key " + NodeDirectory.keyFile(dir) + " does not match the certificate "
        + NodeDirectory.certificateFile(dir), assertThrows(CertToolException.class, () -> NodeDirectory.load(dir))
        .getMessage());
  }

  @Test
  void clusterWritesCaAndNodeDirectories() {
    ClusterCredentials cluster = ClusterCredentials.generate(
        ClusterRequest.defaults(ABC, List.of(Host.parse("127.0.0.1")), NOW));

    ClusterLayout layout = ClusterDirectory.write(dir, cluster, Optional.empty(), false);

    assertEquals(dir.resolve("ca"), layout.caDirectory());
    assertEquals(Map.of(NodeName.of("a"), dir.resolve("nodes/a"), NodeName.of("b"), dir.resolve("nodes/b"),
        NodeName.of("c"), dir.resolve("nodes/c")), layout.nodeDirectories());
    assertEquals(List.copyOf(layout.nodeDirectories().keySet()), ABC, "in the given order");
    assertEquals(11, layout.files().size());
    assertEquals(cluster.ca().certificate(), CaDirectory.load(layout.caDirectory(), PasswordSource.none(), NOW)
        .certificate());
    for (NodeName name : ABC) {
      NodeCredentials node = NodeDirectory.load(layout.nodeDirectories().get(name));
      assertEquals(name, node.name());
      assertEquals(cluster.ca().certificate(), node.caCertificate());
      assertTrue(CertificateVerifier.verifyNode(node.certificate(), node.caCertificate(), NOW, Optional.of(name))
          .passed());
    }
  }

  @Test
  void clusterWritesNothingWhenAnyFileIsInTheWay() throws Exception {
    Files.createDirectories(dir.resolve("nodes/c"));
    Files.writeString(dir.resolve("nodes/c/node.key"), "precious");
    ClusterCredentials cluster = ClusterCredentials.generate(ClusterRequest.defaults(ABC, List.of(), NOW));

    CertToolException e = assertThrows(CertToolException.class,
        () -> ClusterDirectory.write(dir, cluster, Optional.empty(), false));
    assertEquals(dir.resolve("nodes/c/node.key") + " already exists; use --force to overwrite it", e.getMessage());
    assertTrue(Files.notExists(dir.resolve("ca")));
    assertTrue(Files.notExists(dir.resolve("nodes/a")));
    assertThrows(CertToolException.class, () -> ClusterDirectory.requireWritable(dir, ABC, false));

    ClusterDirectory.write(dir, cluster, Optional.of("pw".toCharArray()), true);
    assertTrue(PemFiles.isEncrypted(CaDirectory.keyFile(dir.resolve("ca"))));
  }
}
