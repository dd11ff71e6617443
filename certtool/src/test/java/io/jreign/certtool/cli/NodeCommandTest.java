package io.jreign.certtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.certtool.CaDirectory;
import io.jreign.certtool.CaRequest;
import io.jreign.certtool.CertificateAuthority;
import io.jreign.certtool.CertificateVerifier;
import io.jreign.certtool.KeyType;
import io.jreign.certtool.NodeCredentials;
import io.jreign.certtool.NodeDirectory;
import io.jreign.certtool.NodeIdentity;
import io.jreign.certtool.NodeName;
import io.jreign.certtool.PemFiles;
import io.jreign.certtool.Validity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeCommandTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir
  Path dir;

  private Path ca;
  private Path out;

  @BeforeEach
  void makeCa() {
    ca = dir.resolve("ca");
    out = dir.resolve("node-a");
    assertEquals(0, new Cli().at(NOW).run("ca", "--out", ca.toString(), "--days", "100").exitCode());
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void issuesANodeCertificate(KeyType type) throws Exception {
    Cli.Result result = new Cli().at(NOW).run("node", "--ca", ca.toString(), "--name", "a", "--host", "127.0.0.1",
        "--host", "node-a.example", "--days", "7", "--key", type.cliName(), "--out", out.toString());

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.err());
    assertTrue(result.out().startsWith("Node 'a' (" + KeyType.describe(type.generate().getPublic())
        + "), signed by 'CN=jreign cluster CA', valid until " + NOW.plus(Duration.ofDays(7))), result.out());
    NodeCredentials node = NodeDirectory.load(out);
    X509Certificate certificate = node.certificate();
    assertEquals(NodeName.of("a"), node.name());
    assertEquals(type, KeyType.of(node.privateKey()));
    assertEquals(List.of(List.of(6, "jreign://node/a"), List.of(7, "127.0.0.1"), List.of(2, "node-a.example")),
        List.copyOf(certificate.getSubjectAlternativeNames()));
    assertEquals(CaDirectory.loadCertificate(ca), node.caCertificate());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(NodeDirectory.keyFile(out))));
    assertTrue(CertificateVerifier.verifyNode(certificate, node.caCertificate(), NOW, Optional.of(NodeName.of("a")))
        .passed());
  }

  @Test
  void cutsTheValidityToTheCasAndSaysSo() {
    Cli.Result result = new Cli().at(NOW).run("node", "--ca", ca.toString(), "--name", "a", "--days", "365",
        "--out", out.toString());

    assertEquals(0, result.exitCode(), result::toString);
    Instant caEnd = NOW.plus(Duration.ofDays(100));
    assertEquals("certtool: note: validity cut to the CA's end, " + caEnd + "\n", result.err());
    assertEquals(caEnd, PemFiles.readCertificate(NodeDirectory.certificateFile(out)).getNotAfter().toInstant());
  }

  @Test
  void usesAnEncryptedCaWithItsPassword() {
    Path secured = dir.resolve("secured");
    assertEquals(0, new Cli().env("PW", "pw").run("ca", "--out", secured.toString(), "--password-env", "PW")
        .exitCode());

    Cli.Result fromEnv = new Cli().env("PW", "pw").run("node", "--ca", secured.toString(), "--name", "a",
        "--out", out.toString(), "--password-env", "PW");
    assertEquals(0, fromEnv.exitCode(), fromEnv::toString);

    Cli prompt = new Cli().typing("pw");
    Cli.Result typed = prompt.run("node", "--ca", secured.toString(), "--name", "b", "--out",
        dir.resolve("b").toString(), "--password-prompt");
    assertEquals(0, typed.exitCode(), typed::toString);
    assertEquals(List.of("Password for " + CaDirectory.keyFile(secured) + ": "), prompt.prompts());
  }

  @Test
  void namesAWrongPassword() {
    Path secured = dir.resolve("secured");
    new Cli().env("PW", "pw").run("ca", "--out", secured.toString(), "--password-env", "PW");

    Cli.Result result = new Cli().env("PW", "nope").run("node", "--ca", secured.toString(), "--name", "a",
        "--out", out.toString(), "--password-env", "PW");

    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: wrong password for the encrypted key " + CaDirectory.keyFile(secured) + "\n", result.err());
    assertTrue(Files.notExists(out));
  }

  @Test
  void namesAMissingPassword() {
    Path secured = dir.resolve("secured");
    new Cli().env("PW", "pw").run("ca", "--out", secured.toString(), "--password-env", "PW");

    Cli.Result result = new Cli().run("node", "--ca", secured.toString(), "--name", "a", "--out", out.toString());

    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: the key " + CaDirectory.keyFile(secured) + " is encrypted and no password was given "
        + "(use --password-env VAR or --password-prompt)\n", result.err());
  }

  @Test
  void doesNotPromptForAnUnencryptedCa() {
    Cli cli = new Cli();
    Cli.Result result = cli.run("node", "--ca", ca.toString(), "--name", "a", "--out", out.toString(),
        "--password-prompt");
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(List.of(), cli.prompts());
  }

  @Test
  void namesAMissingCa() {
    Cli.Result result = new Cli().run("node", "--ca", dir.resolve("nope").toString(), "--name", "a", "--out",
        out.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: CA directory " + dir.resolve("nope") + " not found\n", result.err());
  }

  @Test
  void namesAnUnreadableCa() throws Exception {
    Files.writeString(CaDirectory.certificateFile(ca), "garbage\n");
    Cli.Result result = new Cli().run("node", "--ca", ca.toString(), "--name", "a", "--out", out.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: " + CaDirectory.certificateFile(ca) + ": contains no PEM certificate\n", result.err());
  }

  @Test
  void namesAMissingCaKey() throws Exception {
    Files.delete(CaDirectory.keyFile(ca));
    Cli.Result result = new Cli().run("node", "--ca", ca.toString(), "--name", "a", "--out", out.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: CA key " + CaDirectory.keyFile(ca) + " not found\n", result.err());
  }

  @Test
  void namesAKeyThatDoesNotMatchItsCertificate() throws Exception {
    Path other = dir.resolve("other");
    new Cli().run("ca", "--out", other.toString());
    Files.copy(CaDirectory.keyFile(other), CaDirectory.keyFile(ca), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Cli.Result result = new Cli().run("node", "--ca", ca.toString(), "--name", "a", "--out", out.toString());

    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: CA key " + CaDirectory.keyFile(ca) + " does not match the certificate "
        + CaDirectory.certificateFile(ca) + "\n", result.err());
  }

  @Test
  void namesAnExpiredCa() {
    Path old = dir.resolve("old");
    CertificateAuthority expired = CertificateAuthority.create(new CaRequest("old", KeyType.EC_P256,
        new Validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)))));
    CaDirectory.write(old, expired, Optional.empty(), false);

    Cli.Result result = new Cli().at(NOW).run("node", "--ca", old.toString(), "--name", "a", "--out", out.toString());

    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: " + CaDirectory.certificateFile(old) + ": the CA certificate expired on "
        + expired.validity().notAfter() + "\n", result.err());
  }

  @Test
  void namesACaThatExpiresWhileTheClockRuns() {
    Cli.Result result = new Cli().at(NOW.plus(Duration.ofDays(101))).run("node", "--ca", ca.toString(), "--name", "a",
        "--out", out.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().contains(": the CA certificate expired on " + NOW.plus(Duration.ofDays(100))),
        result.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a b", "a/b", "ä", "a:1"})
  void rejectsInvalidNodeNames(String name) {
    Cli.Result result = new Cli().run("node", "--ca", ca.toString(), "--name", name, "--out", out.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool node: Invalid value for option '--name': '" + name
        + "' is not a valid node name (1-64 characters of A-Z a-z 0-9 _ . @ -, starting with a letter or digit)"),
        result.err());
    assertEquals(1, result.err().lines().count());
    assertTrue(Files.notExists(out));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3.999", "bad host", "-x.example", "::zz", ""})
  void rejectsBadHosts(String host) {
    Cli.Result result = new Cli().run("node", "--ca", ca.toString(), "--name", "a", "--host", host, "--out",
        out.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool node: Invalid value for option '--host' (H): '" + host
        + "' is neither a DNS name nor an IP address"), result.err());
  }

  @Test
  void refusesDaysOutOfRange() {
    Cli.Result result = new Cli().run("node", "--ca", ca.toString(), "--name", "a", "--days", "0", "--out",
        out.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: --days must be between 1 and 36500, not 0\n", result.err());
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    assertEquals(0, new Cli().run("node", "--ca", ca.toString(), "--name", "a", "--out", out.toString()).exitCode());
    String before = Files.readString(NodeDirectory.certificateFile(out));

    Cli.Result again = new Cli().run("node", "--ca", ca.toString(), "--name", "b", "--out", out.toString());
    assertEquals(2, again.exitCode(), again::toString);
    assertEquals("certtool: " + NodeDirectory.certificateFile(out) + " already exists; use --force to overwrite it\n",
        again.err());
    assertEquals(before, Files.readString(NodeDirectory.certificateFile(out)));

    Cli.Result forced = new Cli().run("node", "--ca", ca.toString(), "--name", "b", "--out", out.toString(), "--force");
    assertEquals(0, forced.exitCode(), forced::toString);
    assertEquals(Optional.of(NodeName.of("b")),
        NodeIdentity.of(PemFiles.readCertificate(NodeDirectory.certificateFile(out))));
  }

  @Test
  void requiresCaNameAndOut() {
    assertEquals("certtool node: Missing required options: '--ca=DIR', '--name=NODE', '--out=DIR' "
        + "(see 'certtool node --help')\n", new Cli().run("node").err());
    Cli.Result result = new Cli().run("node", "--ca", ca.toString(), "--name", "a");
    assertEquals(2, result.exitCode());
    assertEquals("certtool node: Missing required option: '--out=DIR' (see 'certtool node --help')\n", result.err());
  }
}
