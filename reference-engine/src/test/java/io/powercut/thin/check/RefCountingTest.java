package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Counting on the second core gives exactly the counts of counting in place. */
class RefCountingTest {
  private static void compare(int references, long size) {
    Random r = new Random(references);
    RefCounter direct = new RefCounter(size);
    RefCounting counting = new RefCounting(new RefCounter(size));
    for (int i = 0; i < references; i++) {
      // A few blocks referenced hundreds of times reach the counter's overflow table too.
      long b = i % 7 == 0 ? r.nextInt(3) : (long) (r.nextDouble() * size);
      direct.inc(b);
      counting.inc(b);
    }
    RefCounter counted = counting.finish();
    assertEquals(direct.nonZero(), counted.nonZero());
    for (long b = 0; b < size; b++) {
      assertEquals(direct.get(b), counted.get(b), "block " + b);
    }
  }

  @Test
  void aSmallWalkIsCountedInPlace() {
    compare(RefCounting.BATCH - 1, 50_000);
  }

  @Test
  void aLargeWalkIsCountedOnAThreadWithTheSameCounts() {
    compare(5 * RefCounting.BATCH + 17, 100_000);
  }

  @Test
  void closingBeforeFinishingStopsTheThread() {
    RefCounting counting = new RefCounting(new RefCounter(1000));
    for (int i = 0; i < 3 * RefCounting.BATCH; i++) {
      counting.inc(i % 1000);
    }
    counting.close();
    assertEquals(
        0,
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("check-ref-counting"))
            .count());
  }
}
