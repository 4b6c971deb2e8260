package io.powercut.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistributionTest {
  @Test
  void summarisesASample() {
    Distribution d = Distribution.of(new double[] {9, 1, 5, 3, 7});
    assertEquals(5, d.n());
    assertEquals(1, d.min());
    assertEquals(5, d.median());
    assertEquals(9, d.max());
    assertTrue(d.p25() < d.median() && d.median() < d.p75() && d.p75() <= d.p90());
  }

  @Test
  void anEmptySampleHasNoFigures() {
    Distribution d = Distribution.of(new double[0]);
    assertEquals(0, d.n());
    assertTrue(Double.isNaN(d.median()));
  }
}
