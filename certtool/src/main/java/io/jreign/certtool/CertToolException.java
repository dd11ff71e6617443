package io.jreign.certtool;

/**
 * Bad input to certtool: a missing or unreadable file, a key that does not match its certificate,
 * an expired CA, a wrong password, an invalid node name or host, a file that would be overwritten.
 *
 * <p>The message is one line meant for a person and names the file or argument at fault; the CLI
 * prints it and exits with code 2.
 */
public final class CertToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line naming the file or argument at fault
   */
  public CertToolException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the low-level cause kept for debugging.
   *
   * @param message one line naming the file or argument at fault
   * @param cause what the underlying library reported
   */
  public CertToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
