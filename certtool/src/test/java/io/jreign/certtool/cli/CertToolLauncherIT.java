package io.jreign.certtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code certtool/bin/certtool} as a user would, after {@code package} built the cli jar: the
 * launcher finds a JDK 25 and runs the shaded jar (BouncyCastle inside, signatures stripped).
 */
class CertToolLauncherIT {
  private static final Path LAUNCHER = Path.of("bin", "certtool").toAbsolutePath();

  @TempDir
  Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run launch(String... args) throws IOException, InterruptedException {
    return launch(Map.of(), args);
  }

  private static Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher finished");
    return new Run(process.exitValue(), out, err.join());
  }

  private static String read(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theLauncherRunsTheCliJar() throws Exception {
    assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is executable");

    Run cluster = launch("cluster", "--out", dir.toString(), "--nodes", "a,b", "--host", "127.0.0.1");
    assertEquals(0, cluster.exitCode(), cluster::toString);
    assertFalse(cluster.err().contains("building"), "the jar was already built: " + cluster.err());
    assertTrue(cluster.out().startsWith("Cluster of 2 node(s) in " + dir), cluster.out());
    assertTrue(Files.readString(dir.resolve("cluster.json")).contains("\"advertise\": \"127.0.0.1:7401\""),
        "the shaded jar writes the spec file with Jackson");

    Run verify = launch("verify", "--ca", dir.resolve("ca").toString(), "--name", "a",
        dir.resolve("nodes/a/node.pem").toString());
    assertEquals(0, verify.exitCode(), verify::toString);

    Run mismatch = launch("verify", "--ca", dir.resolve("ca").toString(), "--name", "b",
        dir.resolve("nodes/a/node.pem").toString());
    assertEquals(2, mismatch.exitCode(), mismatch::toString);
    assertTrue(mismatch.err().contains("identity mismatch"), mismatch.err());

    Run inspect = launch("inspect", dir.resolve("nodes/b/node.pem").toString());
    assertEquals(0, inspect.exitCode(), inspect::toString);
    assertTrue(inspect.out().contains("Node identity:      b (jreign://node/b)"), inspect.out());

    Run version = launch("--version");
    assertEquals(0, version.exitCode(), version::toString);
    assertTrue(version.out().matches("certtool \\d+\\.\\d+\\.\\d+.*\\R"), version.out());
  }

  @Test
  void encryptedCaKeysWorkFromTheShadedJar() throws Exception {
    Map<String, String> environment = Map.of("CA_PW", "pw");
    Run ca = launch(environment, "ca", "--out", dir.resolve("ca").toString(), "--password-env", "CA_PW",
        "--key", "ed25519");
    assertEquals(0, ca.exitCode(), ca::toString);
    Run node = launch(environment, "node", "--ca", dir.resolve("ca").toString(), "--name", "n1", "--out",
        dir.resolve("n1").toString(), "--password-env", "CA_PW");
    assertEquals(0, node.exitCode(), node::toString);
    Run wrong = launch(Map.of("CA_PW", "nope"), "node", "--ca", dir.resolve("ca").toString(), "--name", "n2",
        "--out", dir.resolve("n2").toString(), "--password-env", "CA_PW");
    assertEquals(2, wrong.exitCode(), wrong::toString);
    assertEquals("certtool: wrong password for the encrypted key " + dir.resolve("ca/ca.key") + "\n", wrong.err());
  }
}
