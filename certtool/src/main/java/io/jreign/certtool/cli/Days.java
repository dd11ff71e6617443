package io.jreign.certtool.cli;

import io.jreign.certtool.CertToolException;
import io.jreign.certtool.Validity;
import java.time.Instant;

/** Turns a {@code --days}-style option into a validity period, naming the option on bad input. */
final class Days {
  private Days() {}

  static Validity from(String option, int days, Instant now) {
    if (days < 1 || days > Validity.MAX_DAYS) {
      throw new CertToolException(option + " must be between 1 and " + Validity.MAX_DAYS + ", not " + days);
    }
    return Validity.days(now, days);
  }
}
