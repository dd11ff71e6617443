package io.jreign.certtool;

import java.util.regex.Pattern;

/**
 * A cluster node's name: 1 to 64 characters of {@code A-Z a-z 0-9 _ . @ -}, starting with a letter
 * or a digit. Examples: {@code a}, {@code node-1}, {@code worker_2.eu}, {@code app@host1}.
 *
 * <p>certtool puts the name in a node certificate's subject CN and in its identity SAN; see
 * {@link NodeIdentity}.
 *
 * @param value the name, already checked
 */
public record NodeName(String value) implements Comparable<NodeName> {
  /** The longest name accepted. */
  public static final int MAX_LENGTH = 64;

  /** What a valid name looks like, for error messages. */
  public static final String RULE =
      "1-" + MAX_LENGTH + " characters of A-Z a-z 0-9 _ . @ -, starting with a letter or digit";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0," + (MAX_LENGTH - 1) + "}");

  /**
   * Checks the name.
   *
   * @param value the name
   * @throws CertToolException when the name breaks {@link #RULE}
   */
  public NodeName {
    if (!isValid(value)) {
      throw new CertToolException("'" + value + "' is not a valid node name (" + RULE + ")");
    }
  }

  /**
   * Parses a node name.
   *
   * @param value the name
   * @return the node name
   * @throws CertToolException when the name breaks {@link #RULE}
   */
  public static NodeName of(String value) {
    return new NodeName(value);
  }

  /**
   * Tells whether a string is a valid node name.
   *
   * @param value the candidate, may be null
   * @return true when it follows {@link #RULE}
   */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public int compareTo(NodeName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
