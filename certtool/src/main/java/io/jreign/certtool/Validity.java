package io.jreign.certtool;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A certificate's validity period, notBefore to notAfter inclusive. X.509 stores whole seconds, so
 * both ends are truncated to seconds.
 *
 * @param notBefore the first instant the certificate is valid
 * @param notAfter the last instant the certificate is valid
 */
public record Validity(Instant notBefore, Instant notAfter) {
  /** The most days certtool issues a certificate for (100 years). */
  public static final int MAX_DAYS = 36_500;

  /** How far notBefore is set back from "now", so that peers with a slightly slow clock agree. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /**
   * Checks the period.
   *
   * @param notBefore the first valid instant
   * @param notAfter the last valid instant, after {@code notBefore}
   * @throws CertToolException when notAfter is not after notBefore
   */
  public Validity {
    notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    if (!notAfter.isAfter(notBefore)) {
      throw new CertToolException("validity period ends (" + notAfter + ") before it starts (" + notBefore + ")");
    }
  }

  /**
   * A period starting now (less {@link #CLOCK_SKEW}) and lasting {@code days} days from now.
   *
   * @param now the current instant
   * @param days 1 to {@link #MAX_DAYS}
   * @return the period
   * @throws CertToolException when {@code days} is out of range
   */
  public static Validity days(Instant now, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new CertToolException("the number of days must be between 1 and " + MAX_DAYS + ", not " + days);
    }
    return new Validity(now.minus(CLOCK_SKEW), now.plus(Duration.ofDays(days)));
  }

  /**
   * Tells whether an instant lies within the period (both ends included).
   *
   * @param at the instant
   * @return true when notBefore &lt;= at &lt;= notAfter
   */
  public boolean contains(Instant at) {
    return !at.isBefore(notBefore) && !at.isAfter(notAfter);
  }

  /**
   * This period cut so that it lies within {@code outer}, e.g. a node certificate's period within
   * its CA's.
   *
   * @param outer the enclosing period
   * @return the intersection
   * @throws CertToolException when the two periods do not overlap
   */
  public Validity within(Validity outer) {
    Instant start = notBefore.isBefore(outer.notBefore) ? outer.notBefore : notBefore;
    Instant end = notAfter.isAfter(outer.notAfter) ? outer.notAfter : notAfter;
    if (!end.isAfter(start)) {
      throw new CertToolException("the requested validity " + this + " lies outside the CA's " + outer);
    }
    return new Validity(start, end);
  }

  @Override
  public String toString() {
    return notBefore + " to " + notAfter;
  }
}
