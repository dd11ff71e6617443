package io.jreign.certtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CertToolTest {
  @Test
  void noCommandIsBadInput() {
    Cli.Result result = new Cli().run();
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("certtool: give a command: ca, node, cluster, inspect or verify (see 'certtool --help')\n",
        result.err());
  }

  @Test
  void unknownCommandIsBadInput() {
    Cli.Result result = new Cli().run("sign");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool: Unmatched argument at index 0: 'sign'"), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
  }

  @Test
  void helpListsTheCommands() {
    Cli.Result result = new Cli().run("--help");
    assertEquals(0, result.exitCode(), result::toString);
    for (String command : new String[] {"ca", "node", "cluster", "inspect", "verify"}) {
      assertTrue(result.out().contains("  " + command + " "), result.out());
    }
    assertTrue(result.out().contains("Exit codes: 0 ok, 2 bad input or verification failed, 1 unexpected error."));
  }

  @Test
  void eachCommandHasHelp() {
    for (String command : new String[] {"ca", "node", "cluster", "inspect", "verify"}) {
      Cli.Result result = new Cli().run(command, "--help");
      assertEquals(0, result.exitCode(), result::toString);
      assertTrue(result.out().startsWith("Usage: certtool " + command), result.out());
    }
    assertTrue(new Cli().run("node", "--help").out().contains("jreign://node/NAME"));
    assertTrue(new Cli().run("ca", "--help").out().contains("ec-p256, ed25519, rsa-3072"));
  }

  @Test
  void printsAVersion() {
    Cli.Result result = new Cli().run("--version");
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().startsWith("certtool "), result.out());
  }

  @Test
  void unknownOptionNamesItself() {
    Cli.Result result = new Cli().run("inspect", "--frobnicate", "x.pem");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("certtool inspect: Unknown option: '--frobnicate'"), result.err());
    assertTrue(result.err().endsWith("(see 'certtool inspect --help')\n"), result.err());
  }
}
