package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidityTest {
  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00.750Z");

  @Test
  void daysStartAFewMinutesEarlyAndTruncateToSeconds() {
    Validity validity = Validity.days(NOW, 10);
    assertEquals(Instant.parse("2030-01-01T11:55:00Z"), validity.notBefore());
    assertEquals(Instant.parse("2030-01-11T12:00:00Z"), validity.notAfter());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Validity.MAX_DAYS + 1})
  void rejectsDaysOutOfRange(int days) {
    CertToolException e = assertThrows(CertToolException.class, () -> Validity.days(NOW, days));
    assertTrue(e.getMessage().startsWith("the number of days must be between 1 and " + Validity.MAX_DAYS), e.getMessage());
  }

  @Test
  void rejectsAnEndBeforeTheStart() {
    assertThrows(CertToolException.class, () -> new Validity(NOW, NOW));
    assertThrows(CertToolException.class, () -> new Validity(NOW, NOW.minusSeconds(1)));
  }

  @Test
  void containsBothEnds() {
    Validity validity = new Validity(NOW, NOW.plusSeconds(10));
    assertTrue(validity.contains(validity.notBefore()));
    assertTrue(validity.contains(validity.notAfter()));
    assertFalse(validity.contains(validity.notAfter().plusSeconds(1)));
    assertFalse(validity.contains(validity.notBefore().minusSeconds(1)));
  }

  @Test
  void withinCutsToTheOuterPeriod() {
    Validity outer = new Validity(NOW, NOW.plus(Duration.ofDays(10)));
    Validity cut = new Validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(20))).within(outer);
    assertEquals(outer.notBefore(), cut.notBefore());
    assertEquals(outer.notAfter(), cut.notAfter());
    Validity inside = new Validity(NOW.plusSeconds(5), NOW.plusSeconds(10));
    assertEquals(inside, inside.within(outer));
  }

  @Test
  void withinRejectsDisjointPeriods() {
    Validity outer = new Validity(NOW, NOW.plusSeconds(10));
    CertToolException e = assertThrows(CertToolException.class,
        () -> new Validity(NOW.plusSeconds(20), NOW.plusSeconds(30)).within(outer));
    assertTrue(e.getMessage().contains("lies outside the CA's"), e.getMessage());
  }
}
