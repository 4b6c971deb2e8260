package io.powercut.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GenTest {

  @Test
  void mapTransformsEachValue() {
    Gen<String> gen = Gens.ints(0, 9).map(i -> "n" + i);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100; i++) {
      assertTrue(gen.next(random).matches("n[0-9]"));
    }
  }

  @Test
  void flatMapDrawsFromTheChosenGenerator() {
    // The size is drawn first, then a list of exactly that size.
    Gen<List<Integer>> gen = Gens.ints(0, 5).flatMap(n -> Gens.listOf(Gens.constant(n), n, n));
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 100; i++) {
      List<Integer> list = gen.next(random);
      list.forEach(element -> assertEquals(list.size(), element));
    }
  }

  @Test
  void filterKeepsOnlyAcceptedValues() {
    Gen<Integer> even = Gens.ints(0, 1000).filter(i -> i % 2 == 0, 50);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      assertEquals(0, even.next(random) % 2);
    }
  }

  @Test
  void filterFailsClearlyWhenNothingPasses() {
    Gen<Integer> impossible = Gens.ints(0, 10).filter(i -> i > 10, 25);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> impossible.next(new SplittableRandom(4)));
    assertTrue(e.getMessage().contains("rejected 25 values in a row"), e.getMessage());
  }

  @Test
  void filterNeedsAtLeastOneTry() {
    assertThrows(IllegalArgumentException.class, () -> Gens.ints(0, 1).filter(i -> true, 0));
  }
}
