package io.jreign.certtool.cli;

import io.jreign.certtool.CertToolException;
import io.jreign.certtool.PasswordSource;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --password-env VAR} and {@code --password-prompt}: the CA key's password. */
final class PasswordOptions {
  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Read the CA key password from environment variable VAR.")
  String variable;

  @Option(names = "--password-prompt", description = "Ask for the CA key password on the terminal.")
  boolean prompt;

  /** The password for a key about to be written: empty for an unencrypted key. */
  Optional<char[]> forNewKey(CliEnvironment environment) {
    checkExclusive();
    if (variable != null) {
      return Optional.of(fromVariable(environment));
    }
    if (!prompt) {
      return Optional.empty();
    }
    char[] first = ask(environment, "New CA key password: ");
    char[] second = ask(environment, "Repeat the password: ");
    try {
      if (!Arrays.equals(first, second)) {
        throw new CertToolException("--password-prompt: the two passwords differ");
      }
      return Optional.of(first);
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  /** The password for an existing key, asked for only if that key is encrypted. */
  PasswordSource forExistingKey(CliEnvironment environment) {
    checkExclusive();
    if (variable != null) {
      return keyFile -> Optional.of(fromVariable(environment));
    }
    if (prompt) {
      return keyFile -> Optional.of(ask(environment, "Password for " + keyFile + ": "));
    }
    return PasswordSource.none();
  }

  private void checkExclusive() {
    if (variable != null && prompt) {
      throw new CertToolException("give either --password-env or --password-prompt, not both");
    }
  }

  private char[] fromVariable(CliEnvironment environment) {
    String value = environment.environment().apply(variable);
    if (value == null) {
      throw new CertToolException("--password-env " + variable + ": the environment variable " + variable + " is not set");
    }
    if (value.isEmpty()) {
      throw new CertToolException("--password-env " + variable + ": the environment variable " + variable + " is empty");
    }
    return value.toCharArray();
  }

  private static char[] ask(CliEnvironment environment, String text) {
    char[] password = environment.prompter().read(text).orElseThrow(
        () -> new CertToolException("--password-prompt: no terminal to read the password from (use --password-env VAR)"));
    if (password.length == 0) {
      throw new CertToolException("--password-prompt: the password is empty");
    }
    return password;
  }
}
