package io.jreign.certtool.cli;

import java.io.Console;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the CLI takes from its surroundings, replaceable in tests: the clock, environment variables
 * and the terminal that passwords are read from.
 *
 * @param clock the current time
 * @param environment environment variable lookup, null for unset
 * @param prompter reads a password from the terminal
 */
record CliEnvironment(Clock clock, Function<String, String> environment, PasswordPrompter prompter) {
  /** Reads a password without echo. */
  @FunctionalInterface
  interface PasswordPrompter {
    /**
     * Shows the prompt and reads a line.
     *
     * @return the password, or empty when there is no terminal
     */
    Optional<char[]> read(String prompt);
  }

  /** The real clock, {@link System#getenv} and {@link System#console()}. */
  static CliEnvironment system() {
    return new CliEnvironment(Clock.systemUTC(), System::getenv, prompt -> {
      Console console = System.console();
      return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
    });
  }
}
