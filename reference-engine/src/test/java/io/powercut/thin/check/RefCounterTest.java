package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.pdata.sm.BitmapBlock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The packed counter gives the exact count of every block and the bitmap word of every 32. */
class RefCounterTest {
  @Test
  void countsOfEverySizeAreExactAndPackAsABitmapPacksThem() {
    long size = 3L * RefCounter.PAGE + 100;
    RefCounter counter = new RefCounter(size);
    Map<Long, Long> want = new HashMap<>();
    SplittableRandom r = new SplittableRandom(0x5EED);
    // Counts 1 to 300 on a few blocks (through 3, the overflow byte, and 255, the map), plus a
    // scattering of single references; page 1 is left untouched.
    long[] heavy = {0, 31, 32, 2L * RefCounter.PAGE + 7, size - 1};
    for (int n = 0; n < 300; n++) {
      for (int h = 0; h < heavy.length; h++) {
        if (n < 1 + h * 70) {
          counter.inc(heavy[h]);
          want.merge(heavy[h], 1L, Long::sum);
        }
      }
    }
    for (int i = 0; i < 2000; i++) {
      long b = r.nextLong(size);
      if (b / RefCounter.PAGE != 1) {
        counter.inc(b);
        want.merge(b, 1L, Long::sum);
      }
    }
    assertEquals(want.size(), counter.nonZero());
    for (long b = 0; b < size; b++) {
      assertEquals(want.getOrDefault(b, 0L), counter.get(b), "block " + b);
    }
    for (long b = 0; b + 32 <= size; b += 32) {
      long word = 0;
      for (int k = 0; k < 32; k++) {
        word |= BitmapBlock.wordBits((int) Math.min(3, want.getOrDefault(b + k, 0L)), k);
      }
      assertEquals(word, counter.word(b), "word at block " + b);
    }
    assertFalse(counter.pageEmpty(0));
    assertTrue(counter.pageEmpty(1));
    assertEquals(281, counter.get(size - 1));
  }
}
