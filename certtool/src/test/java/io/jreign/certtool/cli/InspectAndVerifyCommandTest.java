package io.jreign.certtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.certtool.CaDirectory;
import io.jreign.certtool.CaRequest;
import io.jreign.certtool.CertificateAuthority;
import io.jreign.certtool.KeyType;
import io.jreign.certtool.NodeDirectory;
import io.jreign.certtool.NodeName;
import io.jreign.certtool.NodeRequest;
import io.jreign.certtool.Validity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectAndVerifyCommandTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir
  Path dir;

  private Path ca;
  private Path nodeA;

  @BeforeEach
  void makeCluster() {
    assertEquals(0, new Cli().at(NOW).run("cluster", "--out", dir.toString(), "--nodes", "a,b", "--host",
        "127.0.0.1", "--host", "localhost").exitCode());
    ca = dir.resolve("ca");
    nodeA = dir.resolve("nodes/a/node.pem");
  }

  @Test
  void inspectSummarisesANodeCertificate() {
    Cli.Result result = new Cli().at(NOW).run("inspect", nodeA.toString());

    assertEquals(0, result.exitCode(), result::toString);
    String out = result.out();
    assertTrue(out.contains("Subject:            CN=a\n"), out);
    assertTrue(out.contains("Issuer:             CN=jreign cluster CA\n"), out);
    assertTrue(out.contains("Node identity:      a (jreign://node/a)\n"), out);
    assertTrue(out.contains("Subject alt names:  URI:jreign://node/a, IP:127.0.0.1, DNS:localhost\n"), out);
    assertTrue(out.contains("Not after:          " + NOW.plus(Duration.ofDays(365)) + " (valid now)\n"), out);
    assertTrue(out.contains("Key:                EC P-256\n"), out);
    assertTrue(out.contains("Key usage:          digitalSignature\n"), out);
    assertTrue(out.contains("Extended key usage: serverAuth, clientAuth\n"), out);
  }

  @Test
  void inspectShowsEveryCertificateOfAFile() throws Exception {
    Path chain = Files.writeString(dir.resolve("chain.pem"),
        Files.readString(nodeA) + Files.readString(CaDirectory.certificateFile(ca)));
    Cli.Result result = new Cli().run("inspect", chain.toString());
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().startsWith("# certificate 1 of 2\n"), result.out());
    assertTrue(result.out().contains("\n# certificate 2 of 2\n"), result.out());
    assertTrue(result.out().contains("Type:               CA certificate"), result.out());
  }

  @Test
  void inspectNamesAMissingOrWrongFile() {
    Cli.Result missing = new Cli().run("inspect", dir.resolve("nope.pem").toString());
    assertEquals(2, missing.exitCode(), missing::toString);
    assertEquals("certtool: " + dir.resolve("nope.pem") + ": no such file\n", missing.err());

    Path key = dir.resolve("nodes/a/node.key");
    Cli.Result notACertificate = new Cli().run("inspect", key.toString());
    assertEquals(2, notACertificate.exitCode(), notACertificate::toString);
    assertEquals("certtool: " + key + ": contains no PEM certificate\n", notACertificate.err());

    Cli.Result none = new Cli().run("inspect");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().startsWith("certtool inspect: Missing required parameter: 'FILE'"), none.err());
  }

  @Test
  void verifyPassesAGoodCertificate() {
    Cli.Result result = new Cli().at(NOW).run("verify", "--ca", ca.toString(), nodeA.toString());
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(nodeA + ": ok: node a, valid until " + NOW.plus(Duration.ofDays(365)) + "\n", result.out());
    assertEquals("", result.err());

    Cli.Result named = new Cli().run("verify", "--ca", CaDirectory.certificateFile(ca).toString(), "--name", "a",
        nodeA.toString());
    assertEquals(0, named.exitCode(), named::toString);
  }

  @Test
  void verifyFailsAnIdentityMismatch() {
    Cli.Result result = new Cli().run("verify", "--ca", ca.toString(), "--name", "b", nodeA.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: " + nodeA + ": identity mismatch: the certificate is node 'a', expected 'b'\n",
        result.err());
    assertEquals("", result.out());
  }

  @Test
  void verifyFailsAForeignCa() {
    Path foreign = dir.resolve("foreign");
    new Cli().run("ca", "--out", foreign.toString(), "--name", "other CA");
    Cli.Result result = new Cli().run("verify", "--ca", foreign.toString(), nodeA.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: " + nodeA + ": not issued by this CA: issuer is 'CN=jreign cluster CA', the CA is "
        + "'CN=other CA'\n", result.err());
  }

  @Test
  void verifyChecksTheValidityPeriod() {
    Instant after = NOW.plus(Duration.ofDays(366));
    Cli.Result later = new Cli().run("verify", "--ca", ca.toString(), "--at", after.toString(), nodeA.toString());
    assertEquals(2, later.exitCode(), later::toString);
    assertEquals("certtool: " + nodeA + ": the certificate expired on " + NOW.plus(Duration.ofDays(365))
        + " (checked at " + after + ")\n", later.err());

    Cli.Result clock = new Cli().at(after).run("verify", "--ca", ca.toString(), nodeA.toString());
    assertEquals(2, clock.exitCode(), clock::toString);
  }

  @Test
  void verifyFailsAnExpiredCertificate() {
    CertificateAuthority wide = CertificateAuthority.create(new CaRequest("wide", KeyType.EC_P256,
        new Validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)))));
    Path expired = dir.resolve("expired");
    CaDirectory.write(dir.resolve("wide"), wide, Optional.empty(), false);
    NodeDirectory.write(expired, wide.issue(new NodeRequest(NodeName.of("a"), List.of(), KeyType.EC_P256,
        new Validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1))))), false);

    Cli.Result result = new Cli().run("verify", "--ca", dir.resolve("wide").toString(),
        NodeDirectory.certificateFile(expired).toString());

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().contains(": the certificate expired on "), result.err());
  }

  @Test
  void verifyFailsTheCaCertificateItself() {
    Cli.Result result = new Cli().run("verify", "--ca", ca.toString(), CaDirectory.certificateFile(ca).toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().endsWith(": the certificate is the CA certificate itself, not a node certificate\n"),
        result.err());
  }

  @Test
  void verifyNamesBadArguments() throws Exception {
    Cli.Result noCa = new Cli().run("verify", "--ca", dir.resolve("nope").toString(), nodeA.toString());
    assertEquals(2, noCa.exitCode(), noCa::toString);
    assertEquals("certtool: CA certificate " + dir.resolve("nope") + " not found\n", noCa.err());

    Cli.Result notCa = new Cli().run("verify", "--ca", nodeA.toString(), nodeA.toString());
    assertEquals(2, notCa.exitCode(), notCa::toString);
    assertEquals("certtool: " + nodeA + " is not a CA certificate (no basicConstraints CA:true)\n", notCa.err());

    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello\n");
    Cli.Result badFile = new Cli().run("verify", "--ca", ca.toString(), garbage.toString());
    assertEquals(2, badFile.exitCode(), badFile::toString);
    assertEquals("certtool: " + garbage + ": contains no PEM certificate\n", badFile.err());

    Cli.Result badName = new Cli().run("verify", "--ca", ca.toString(), "--name", "no way", nodeA.toString());
    assertEquals(2, badName.exitCode(), badName::toString);
    assertTrue(badName.err().startsWith("certtool verify: Invalid value for option '--name': 'no way' is not a valid"),
        badName.err());

    Cli.Result badInstant = new Cli().run("verify", "--ca", ca.toString(), "--at", "tomorrow", nodeA.toString());
    assertEquals(2, badInstant.exitCode(), badInstant::toString);
    assertTrue(badInstant.err().startsWith("certtool verify: Invalid value for option '--at': 'tomorrow' is not an "
        + "instant like 2030-01-01T00:00:00Z"), badInstant.err());

    Cli.Result missingCa = new Cli().run("verify", nodeA.toString());
    assertEquals(2, missingCa.exitCode(), missingCa::toString);
    assertTrue(missingCa.err().startsWith("certtool verify: Missing required option: '--ca=DIR'"), missingCa.err());
  }

  @Test
  void unexpectedErrorsExitWithOne() {
    Clock broken = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        throw new IllegalStateException("the clock broke");
      }
    };
    Cli.Result result = new Cli().clock(broken).run("verify", "--ca", ca.toString(), nodeA.toString());
    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool: unexpected error: java.lang.IllegalStateException: the clock broke\n"),
        result.err());
  }
}
