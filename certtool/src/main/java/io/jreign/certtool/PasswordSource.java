package io.jreign.certtool;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Supplies the password of an encrypted private key. Asked only when the key file turns out to be
 * encrypted, so an interactive source prompts only when it must.
 */
@FunctionalInterface
public interface PasswordSource {
  /**
   * The password for an encrypted key file.
   *
   * @param keyFile the encrypted key being read, for the prompt or message
   * @return the password, or empty when none was given
   * @throws CertToolException when a configured source cannot deliver (e.g. an unset variable)
   */
  Optional<char[]> password(Path keyFile);

  /**
   * A source with no password: reading an encrypted key then fails with a message saying so.
   *
   * @return the empty source
   */
  static PasswordSource none() {
    return keyFile -> Optional.empty();
  }

  /**
   * A source that always gives {@code password}.
   *
   * @param password the password; the source keeps its own copy
   * @return the source
   */
  static PasswordSource of(char[] password) {
    char[] copy = password.clone();
    return keyFile -> Optional.of(copy.clone());
  }
}
