package io.powercut.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.interval.ClopperPearsonInterval;
import org.junit.jupiter.api.Test;

class ClopperPearsonTest {
  @Test
  void noFailureGivesTheClosedFormAboutThreeOverN() {
    for (long n : new long[] {1, 10, 1_000, 52_722, 10_000_000, 1_000_000_000L}) {
      double exact = 1 - Math.pow(0.05, 1.0 / n);
      double bound = ClopperPearson.upperBound(0, n, 0.95);
      assertEquals(exact, bound, exact * 1e-6, "n=" + n);
      if (n >= 1000) {
        assertEquals(3.0 / n, bound, 0.01 * 3.0 / n, "rule of three, n=" + n);
      }
    }
  }

  @Test
  void withFailuresItIsTheUpperEndOfTheTwoSidedNinetyPercentInterval() {
    // commons-math3's interval is two-sided: its 90% upper end is the one-sided 95% bound.
    long[][] cases = {{1, 10}, {3, 1000}, {17, 52_722}, {499, 500}};
    for (long[] c : cases) {
      double expected =
          new ClopperPearsonInterval().createInterval((int) c[1], (int) c[0], 0.90).getUpperBound();
      assertEquals(
          expected, ClopperPearson.upperBound(c[0], c[1], 0.95), 1e-9, c[0] + " in " + c[1]);
    }
  }

  @Test
  void moreEvidenceTightensTheBoundAndFailuresLoosenIt() {
    assertTrue(ClopperPearson.upperBound(0, 2000, 0.95) < ClopperPearson.upperBound(0, 1000, 0.95));
    assertTrue(ClopperPearson.upperBound(1, 1000, 0.95) > ClopperPearson.upperBound(0, 1000, 0.95));
    assertTrue(ClopperPearson.upperBound(0, 1000, 0.99) > ClopperPearson.upperBound(0, 1000, 0.95));
  }

  @Test
  void edgesAndNonsense() {
    assertEquals(1.0, ClopperPearson.upperBound(0, 0, 0.95), "no trial: nothing is known");
    assertEquals(1.0, ClopperPearson.upperBound(5, 5, 0.95));
    assertThrows(IllegalArgumentException.class, () -> ClopperPearson.upperBound(6, 5, 0.95));
    assertThrows(IllegalArgumentException.class, () -> ClopperPearson.upperBound(-1, 5, 0.95));
    assertThrows(IllegalArgumentException.class, () -> ClopperPearson.upperBound(0, 5, 1.0));
  }
}
