package io.powercut.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GensTest {
  private static final int DRAWS = 40_000;

  /** Every distinct value among {@code DRAWS} draws from one seed. */
  private static <T> Set<T> distinct(Gen<T> gen) {
    SplittableRandom random = new SplittableRandom(99);
    Set<T> seen = new HashSet<>();
    for (int i = 0; i < DRAWS; i++) {
      seen.add(gen.next(random));
    }
    return seen;
  }

  private static <T> double frequency(Gen<T> gen, T value) {
    SplittableRandom random = new SplittableRandom(12345);
    int hits = 0;
    for (int i = 0; i < DRAWS; i++) {
      hits += value.equals(gen.next(random)) ? 1 : 0;
    }
    return (double) hits / DRAWS;
  }

  @Test
  void sameSeedGivesSameValuesAndOtherSeedsDiffer() {
    Gen<List<Object>> gen =
        Gens.listOf(
            Gens.oneOfGens(
                List.of(
                    Gens.ints(-5, 5),
                    Gens.longs(0, 1L << 40),
                    Gens.bytes(3).map(Arrays::toString))),
            0,
            30);
    Set<List<Object>> perSeed = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      List<Object> first = gen.next(new SplittableRandom(seed));
      assertEquals(first, gen.next(new SplittableRandom(seed)), "seed " + seed);
      perSeed.add(first);
    }
    assertTrue(perSeed.size() >= 19, "20 seeds gave only " + perSeed.size() + " distinct lists");
  }

  @Test
  void intsCoverExactlyTheirInclusiveRange() {
    assertEquals(
        IntStream.rangeClosed(-3, 3).boxed().collect(Collectors.toSet()),
        distinct(Gens.ints(-3, 3)));
    assertEquals(Set.of(7), distinct(Gens.ints(7, 7)));
    Set<Integer> edge = distinct(Gens.ints(Integer.MAX_VALUE - 1, Integer.MAX_VALUE));
    assertEquals(Set.of(Integer.MAX_VALUE - 1, Integer.MAX_VALUE), edge);
    Set<Integer> full = distinct(Gens.ints(Integer.MIN_VALUE, Integer.MAX_VALUE));
    assertTrue(full.stream().anyMatch(i -> i < 0) && full.stream().anyMatch(i -> i > 0));
    assertThrows(IllegalArgumentException.class, () -> Gens.ints(2, 1));
  }

  @Test
  void intsAreRoughlyUniform() {
    // 40,000 draws over 4 values: each count's standard deviation is about 87, so 2% is over 9 sd.
    for (int value = 0; value < 4; value++) {
      assertEquals(0.25, frequency(Gens.ints(0, 3), value), 0.02);
    }
  }

  @Test
  void longsCoverExactlyTheirInclusiveRange() {
    assertEquals(Set.of(-1L, 0L, 1L), distinct(Gens.longs(-1, 1)));
    assertEquals(
        Set.of(Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, Long.MAX_VALUE),
        distinct(Gens.longs(Long.MAX_VALUE - 2, Long.MAX_VALUE)));
    assertEquals(
        Set.of(Long.MIN_VALUE, Long.MIN_VALUE + 1),
        distinct(Gens.longs(Long.MIN_VALUE, Long.MIN_VALUE + 1)));
    Set<Long> full = distinct(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE));
    assertTrue(full.stream().anyMatch(l -> l < Integer.MIN_VALUE));
    assertTrue(full.stream().anyMatch(l -> l > Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> Gens.longs(0, -1));
  }

  @Test
  void boolsHonourTheirProbability() {
    assertEquals(Set.of(false), distinct(Gens.bools(0)));
    assertEquals(Set.of(true), distinct(Gens.bools(1)));
    assertEquals(0.25, frequency(Gens.bools(0.25), true), 0.02);
    for (double bad : new double[] {-0.1, 1.1, Double.NaN}) {
      assertThrows(IllegalArgumentException.class, () -> Gens.bools(bad));
    }
  }

  @Test
  void oneOfPicksEveryGivenValueAndOnlyThose() {
    String[] values = {"a", "b", "c"};
    Gen<String> gen = Gens.oneOf(values);
    values[0] = "changed"; // the generator keeps its own copy
    assertEquals(Set.of("a", "b", "c"), distinct(gen));
    assertEquals(1.0 / 3, frequency(gen, "b"), 0.02);
    assertThrows(IllegalArgumentException.class, Gens::oneOf);
  }

  @Test
  void oneOfGensDrawsFromEachGenerator() {
    Gen<Integer> gen = Gens.oneOfGens(List.of(Gens.constant(1), Gens.ints(10, 11)));
    assertEquals(Set.of(1, 10, 11), distinct(gen));
    assertEquals(0.5, frequency(gen, 1), 0.02);
    assertThrows(IllegalArgumentException.class, () -> Gens.oneOfGens(List.of()));
  }

  @Test
  void weightedChoosesInProportionToWeights() {
    Gen<String> gen =
        Gens.<String>weighted()
            .add(1, "rare")
            .add(3, Gens.constant("common"))
            .add(6, "most")
            .build();
    assertEquals(0.1, frequency(gen, "rare"), 0.01);
    assertEquals(0.3, frequency(gen, "common"), 0.015);
    assertEquals(0.6, frequency(gen, "most"), 0.015);
  }

  @Test
  void weightedIsUnaffectedByLaterAdditions() {
    Weighted<String> builder = Gens.<String>weighted().add(1, "first");
    Gen<String> built = builder.build();
    builder.add(1000, "later");
    assertEquals(Set.of("first"), distinct(built));
  }

  @Test
  void weightedRejectsBadInput() {
    assertThrows(IllegalStateException.class, () -> Gens.weighted().build());
    assertThrows(IllegalArgumentException.class, () -> Gens.<String>weighted().add(0, "x"));
  }

  @Test
  void listOfSizesStayInRangeAndCoverIt() {
    Gen<List<Integer>> gen = Gens.listOf(Gens.ints(0, 9), 2, 5);
    Set<Integer> sizes = distinct(gen.map(List::size));
    assertEquals(Set.of(2, 3, 4, 5), sizes);
    List<Integer> list = gen.next(new SplittableRandom(5));
    assertThrows(UnsupportedOperationException.class, () -> list.add(1));
    assertEquals(Set.of(0), distinct(Gens.listOf(Gens.ints(0, 9), 0, 0).map(List::size)));
    assertThrows(IllegalArgumentException.class, () -> Gens.listOf(Gens.ints(0, 1), -1, 2));
    assertThrows(IllegalArgumentException.class, () -> Gens.listOf(Gens.ints(0, 1), 3, 2));
  }

  @Test
  void bytesHaveTheirLengthAndAreFreshEachDraw() {
    Gen<byte[]> gen = Gens.bytes(16);
    SplittableRandom random = new SplittableRandom(6);
    byte[] first = gen.next(random);
    byte[] second = gen.next(random);
    assertEquals(16, first.length);
    assertNotSame(first, second);
    assertFalse(Arrays.equals(first, second));
    assertArrayEquals(first, gen.next(new SplittableRandom(6)));
    assertEquals(0, Gens.bytes(0).next(random).length);
    Set<Byte> seen = new TreeSet<>();
    for (int i = 0; i < 100; i++) {
      for (byte b : gen.next(random)) {
        seen.add(b);
      }
    }
    assertEquals(256, seen.size(), "every byte value appears in 1,600 draws");
    assertThrows(IllegalArgumentException.class, () -> Gens.bytes(-1));
  }

  @Test
  void subsetOfKeepsOrderAndReachesEverySubset() {
    List<String> source = new ArrayList<>(List.of("a", "b", "c"));
    Gen<List<String>> gen = Gens.subsetOf(source);
    source.clear(); // the generator keeps its own copy
    Set<List<String>> subsets = distinct(gen);
    assertEquals(
        Set.of(
            List.of(),
            List.of("a"),
            List.of("b"),
            List.of("c"),
            List.of("a", "b"),
            List.of("a", "c"),
            List.of("b", "c"),
            List.of("a", "b", "c")),
        subsets);
    Function<List<String>, Boolean> full = s -> s.size() == 3;
    assertEquals(0.125, frequency(gen.map(full), true), 0.01);
    List<String> drawn = gen.next(new SplittableRandom(1));
    assertThrows(UnsupportedOperationException.class, () -> drawn.add("d"));
  }
}
