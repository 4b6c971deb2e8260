package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

  @Test
  void decUndoesIncThroughEveryTierOfCounts() {
    long size = 2L * RefCounter.PAGE + 5;
    RefCounter counter = new RefCounter(size);
    Map<Long, Long> want = new HashMap<>();
    SplittableRandom r = new SplittableRandom(0xDEC);
    // Heavy blocks climb past 3 (the overflow byte) and 255 (the map) and come back down, in
    // random order with single references elsewhere; every count is compared on the way.
    long[] heavy = {0, 33, RefCounter.PAGE + 1, size - 1};
    for (int round = 0; round < 4000; round++) {
      long b = r.nextInt(4) == 0 ? r.nextLong(size) : heavy[r.nextInt(heavy.length)];
      long have = want.getOrDefault(b, 0L);
      boolean up = have == 0 || r.nextInt(round < 2000 ? 4 : 2) != 0 || round < 1200;
      if (up) {
        counter.inc(b);
        want.put(b, have + 1);
      } else {
        counter.dec(b);
        if (have == 1) {
          want.remove(b);
        } else {
          want.put(b, have - 1);
        }
      }
      assertEquals(want.getOrDefault(b, 0L), counter.get(b), "block " + b + " at round " + round);
      assertEquals(want.size(), counter.nonZero(), "non-zero at round " + round);
    }
    assertTrue(want.values().stream().anyMatch(c -> c > 255), "no count reached the map");
    for (Map.Entry<Long, Long> e : Map.copyOf(want).entrySet()) {
      for (long c = e.getValue(); c > 0; c--) {
        counter.dec(e.getKey());
        assertEquals(c - 1, counter.get(e.getKey()), "block " + e.getKey());
      }
    }
    assertEquals(0, counter.nonZero());
    for (long b = 0; b + 32 <= size; b += 32) {
      assertEquals(0, counter.word(b), "word at block " + b);
    }
    assertThrows(IllegalStateException.class, () -> counter.dec(5));
  }
}
