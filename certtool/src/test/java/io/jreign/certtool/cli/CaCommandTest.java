package io.jreign.certtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.certtool.CaDirectory;
import io.jreign.certtool.KeyType;
import io.jreign.certtool.PasswordSource;
import io.jreign.certtool.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CaCommandTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir
  Path dir;

  @Test
  void makesADefaultCa() throws Exception {
    Cli.Result result = new Cli().at(NOW).run("ca", "--out", dir.toString());

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.err());
    assertTrue(result.out().startsWith("CA 'jreign cluster CA' (EC P-256), valid until "
        + NOW.plus(Duration.ofDays(3650))), result.out());
    assertTrue(result.out().contains(CaDirectory.keyFile(dir) + " (mode 0600)"), result.out());
    X509Certificate certificate = PemFiles.readCertificate(CaDirectory.certificateFile(dir));
    assertEquals("CN=jreign cluster CA", certificate.getSubjectX500Principal().getName());
    assertEquals(NOW.plus(Duration.ofDays(3650)), certificate.getNotAfter().toInstant());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(CaDirectory.keyFile(dir))));
    assertFalse(PemFiles.isEncrypted(CaDirectory.keyFile(dir)));
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void takesNameDaysAndKeyType(KeyType type) {
    Cli.Result result = new Cli().at(NOW).run("ca", "--out", dir.toString(), "--name", "Prod CA", "--days", "30",
        "--key", type.cliName());

    assertEquals(0, result.exitCode(), result::toString);
    X509Certificate certificate = CaDirectory.loadCertificate(dir);
    assertEquals("CN=Prod CA", certificate.getSubjectX500Principal().getName());
    assertEquals(NOW.plus(Duration.ofDays(30)), certificate.getNotAfter().toInstant());
    assertEquals(type, KeyType.of(certificate.getPublicKey()));
  }

  @Test
  void encryptsTheKeyWithAPasswordFromTheEnvironment() {
    Cli.Result result = new Cli().env("CA_PW", "hunter2").run("ca", "--out", dir.toString(), "--password-env", "CA_PW");

    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().contains("(mode 0600, encrypted)"), result.out());
    assertTrue(PemFiles.isEncrypted(CaDirectory.keyFile(dir)));
    CaDirectory.load(dir, PasswordSource.of("hunter2".toCharArray()), Instant.now());
  }

  @Test
  void encryptsTheKeyWithAPasswordTypedTwice() {
    Cli cli = new Cli().typing("typed pw", "typed pw");
    Cli.Result result = cli.run("ca", "--out", dir.toString(), "--password-prompt");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(List.of("New CA key password: ", "Repeat the password: "), cli.prompts());
    CaDirectory.load(dir, PasswordSource.of("typed pw".toCharArray()), Instant.now());
  }

  @Test
  void refusesDifferingTypedPasswords() {
    Cli.Result result = new Cli().typing("one", "two").run("ca", "--out", dir.toString(), "--password-prompt");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: --password-prompt: the two passwords differ\n", result.err());
    assertTrue(Files.notExists(CaDirectory.certificateFile(dir)));
  }

  @Test
  void refusesAnEmptyTypedPassword() {
    Cli.Result result = new Cli().typing("").run("ca", "--out", dir.toString(), "--password-prompt");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: --password-prompt: the password is empty\n", result.err());
  }

  @Test
  void refusesToPromptWithoutATerminal() {
    Cli.Result result = new Cli().withoutTerminal().run("ca", "--out", dir.toString(), "--password-prompt");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: --password-prompt: no terminal to read the password from (use --password-env VAR)\n",
        result.err());
  }

  @Test
  void refusesAnUnsetOrEmptyPasswordVariable() {
    Cli.Result unset = new Cli().run("ca", "--out", dir.toString(), "--password-env", "NOPE");
    assertEquals(2, unset.exitCode(), unset::toString);
    assertEquals("certtool: --password-env NOPE: the environment variable NOPE is not set\n", unset.err());
    Cli.Result empty = new Cli().env("EMPTY", "").run("ca", "--out", dir.toString(), "--password-env", "EMPTY");
    assertEquals(2, empty.exitCode(), empty::toString);
    assertEquals("certtool: --password-env EMPTY: the environment variable EMPTY is empty\n", empty.err());
    assertTrue(Files.notExists(CaDirectory.certificateFile(dir)));
  }

  @Test
  void refusesBothPasswordOptions() {
    Cli.Result result = new Cli().env("PW", "x").run("ca", "--out", dir.toString(), "--password-env", "PW",
        "--password-prompt");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: give either --password-env or --password-prompt, not both\n", result.err());
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    assertEquals(0, new Cli().run("ca", "--out", dir.toString()).exitCode());
    String before = Files.readString(CaDirectory.keyFile(dir));

    Cli cli = new Cli().typing();
    Cli.Result again = cli.run("ca", "--out", dir.toString(), "--password-prompt");

    assertEquals(2, again.exitCode(), again::toString);
    assertEquals("certtool: " + CaDirectory.certificateFile(dir) + " already exists; use --force to overwrite it\n",
        again.err());
    assertEquals(List.of(), cli.prompts(), "refused before asking for a password");
    assertEquals(before, Files.readString(CaDirectory.keyFile(dir)));

    Cli.Result forced = new Cli().run("ca", "--out", dir.toString(), "--force");
    assertEquals(0, forced.exitCode(), forced::toString);
    assertFalse(before.equals(Files.readString(CaDirectory.keyFile(dir))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "36501"})
  void refusesDaysOutOfRange(String days) {
    Cli.Result result = new Cli().run("ca", "--out", dir.toString(), "--days", days);
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: --days must be between 1 and 36500, not " + days + "\n", result.err());
  }

  @Test
  void refusesNonNumericDays() {
    Cli.Result result = new Cli().run("ca", "--out", dir.toString(), "--days", "ten");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool ca: Invalid value for option '--days': 'ten' is not an int"),
        result.err());
  }

  @Test
  void refusesAnUnknownKeyType() {
    Cli.Result result = new Cli().run("ca", "--out", dir.toString(), "--key", "dsa");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool ca: Invalid value for option '--key': unknown key type 'dsa' "
        + "(expected one of ec-p256, ed25519, rsa-3072)"), result.err());
  }

  @Test
  void refusesABadCaName() {
    Cli.Result result = new Cli().run("ca", "--out", dir.toString(), "--name", " ");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: --name: the CA name must be 1 to 64 printable characters, not ' '\n", result.err());
  }

  @Test
  void requiresOut() {
    Cli.Result result = new Cli().run("ca");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool ca: Missing required option: '--out=DIR' (see 'certtool ca --help')\n", result.err());
  }

  @Test
  void namesAnUnwritableOutput() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Cli.Result result = new Cli().run("ca", "--out", file.resolve("sub").toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool: cannot write " + file.resolve("sub")), result.err());
  }
}
