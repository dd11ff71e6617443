package io.jreign.certtool;

/**
 * The outcome of {@link CertificateVerifier#verifyNode}: passed with the node's identity, or failed
 * with one reason.
 */
public sealed interface Verification permits Verification.Passed, Verification.Failed {
  /**
   * Whether the certificate passed every check.
   *
   * @return true for {@link Passed}
   */
  boolean passed();

  /**
   * One line for people: {@code ok: node NAME} or why verification failed.
   *
   * @return the reason
   */
  String reason();

  /**
   * Every check passed.
   *
   * @param identity the node the certificate belongs to
   */
  record Passed(NodeName identity) implements Verification {
    @Override
    public boolean passed() {
      return true;
    }

    @Override
    public String reason() {
      return "ok: node " + identity;
    }
  }

  /**
   * A check failed.
   *
   * @param reason what failed, in one line
   */
  record Failed(String reason) implements Verification {
    @Override
    public boolean passed() {
      return false;
    }
  }
}
