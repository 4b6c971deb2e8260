package io.powercut.property.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.Gen;
import io.powercut.property.Gens;
import io.powercut.property.Seeds;
import io.powercut.property.ShrinkResult;
import io.powercut.property.ShrinkStrategy;
import io.powercut.property.Shrinker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PropertyRunnerTest {
  private static final Gen<List<Integer>> LISTS = Gens.listOf(Gens.ints(0, 99), 0, 60);

  /** Settings as if no -Dpowercut.* were given, so a campaign run cannot change these tests. */
  private static <T> Property<T> hermetic(Gen<T> gen, Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(Map.of(ReproduceLine.MODULE, "property"));
    all.putAll(settings);
    return Property.forAll(gen).settings(all::get);
  }

  private static <T> Property<T> hermetic(Gen<T> gen) {
    return hermetic(gen, Map.of());
  }

  private static <T> List<T> generated(Gen<T> gen, long base, int n) {
    List<T> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(gen.next(new SplittableRandom(Seeds.derive(base, i))));
    }
    return values;
  }

  @Test
  void runsEachDerivedSeedOnce() {
    List<List<Integer>> seen = new ArrayList<>();
    hermetic(LISTS)
        .seeds(25)
        .baseSeed(77)
        .check(
            l -> {
              seen.add(l);
            });
    assertEquals(generated(LISTS, 77, 25), seen);
  }

  @Test
  void defaultsToAHundredSeedsNamedAfterTheTest() {
    List<List<Integer>> seen = new ArrayList<>();
    hermetic(LISTS)
        .check(
            l -> {
              seen.add(l);
            });
    long base = Seeds.fromName("PropertyRunnerTest#defaultsToAHundredSeedsNamedAfterTheTest");
    assertEquals(generated(LISTS, base, 100), seen);
  }

  @Test
  void aPredicateThatHoldsPasses() {
    List<List<Integer>> seen = new ArrayList<>();
    hermetic(LISTS)
        .seeds(10)
        .check(
            l -> {
              seen.add(l);
              return l.stream().allMatch(i -> i >= 0 && i <= 99);
            });
    assertEquals(10, seen.size());
  }

  @Test
  void settingsOverrideCountAndBase() {
    List<List<Integer>> seen = new ArrayList<>();
    hermetic(LISTS, Map.of(SeedPlan.SEEDS, "7", SeedPlan.BASE_SEED, "0x10"))
        .seeds(3)
        .baseSeed(1)
        .check(
            l -> {
              seen.add(l);
            });
    assertEquals(generated(LISTS, 16, 7), seen);
  }

  @Test
  void reportsSeedOriginalShrunkCaseCauseAndReproduceLine() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                hermetic(LISTS)
                    .seeds(200)
                    .baseSeed(5)
                    .check(l -> !(l.contains(3) && l.contains(17))));
    long expectedSeed = -1;
    for (int i = 0; i < 200 && expectedSeed == -1; i++) {
      List<Integer> value = LISTS.next(new SplittableRandom(Seeds.derive(5, i)));
      if (value.contains(3) && value.contains(17)) {
        expectedSeed = Seeds.derive(5, i);
      }
    }
    assertEquals(expectedSeed, failure.seed());
    assertEquals(LISTS.next(new SplittableRandom(expectedSeed)), failure.originalCase());
    List<?> shrunk = (List<?>) failure.shrunkCase();
    List<?> original = (List<?>) failure.originalCase();
    assertEquals(Set.of(3, 17), Set.copyOf(shrunk));
    assertEquals(2, shrunk.size());
    assertTrue(
        original.indexOf(shrunk.get(0)) < original.lastIndexOf(shrunk.get(1)),
        "shrinking keeps the generated order");
    String line =
        "REPRODUCE: mvn -pl property test"
            + " -Dtest=PropertyRunnerTest#reportsSeedOriginalShrunkCaseCauseAndReproduceLine"
            + " -Dpowercut.seed="
            + Seeds.format(expectedSeed);
    assertEquals(line, failure.reproduceLine());
    String message = failure.getMessage();
    assertTrue(
        message.startsWith("property failed on seed " + Seeds.format(expectedSeed)), message);
    assertTrue(message.contains("\n  original: " + failure.originalCase() + "\n"), message);
    assertTrue(message.contains("\n  shrunk:   " + shrunk + "\n"), message);
    assertTrue(
        message.contains("cause:    java.lang.AssertionError: property returned false"), message);
    assertTrue(message.endsWith("\n" + line), message);
    assertEquals("property returned false", failure.getCause().getMessage());
  }

  @Test
  void powercutSeedReplaysExactlyTheReportedCase() {
    PropertyFailure first =
        assertThrows(
            PropertyFailure.class, () -> hermetic(LISTS).baseSeed(9).check(l -> l.size() < 50));
    List<List<Integer>> replayed = new ArrayList<>();
    PropertyFailure again =
        assertThrows(
            PropertyFailure.class,
            () ->
                hermetic(LISTS, Map.of(SeedPlan.SEED, Seeds.format(first.seed())))
                    .check(
                        l -> {
                          replayed.add(l);
                          return l.size() < 50;
                        }));
    assertEquals(first.originalCase(), replayed.get(0), "the first run is the replayed seed");
    assertEquals(first.seed(), again.seed());
    assertEquals(first.shrunkCase(), again.shrunkCase());
    assertTrue(again.getMessage().contains("(trial 1 of 1)"), again.getMessage());
  }

  @Test
  void thrownExceptionsAreFailuresKeptAsCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                hermetic(Gens.ints(0, 10))
                    .check(
                        i -> {
                          if (i >= 0) {
                            throw boom;
                          }
                        }));
    assertSame(boom, failure.getCause());
    assertSame(failure.originalCase(), failure.shrunkCase(), "integers are not shrunk by default");
    assertTrue(failure.getMessage().contains("cause:    java.lang.IllegalStateException: boom"));
    assertTrue(failure.getMessage().contains("(0 shrink steps, 0 re-runs of the check)"));
  }

  @Test
  void causeIsTheShrunkCasesOwnFailure() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                hermetic(Gens.longs(0, 1_000_000))
                    .shrinkWith(ShrinkStrategy.greedy(Shrinker::towardsZero))
                    .check(
                        x -> {
                          if (x >= 1234) {
                            throw new AssertionError("too big: " + x);
                          }
                        }));
    assertEquals(1234L, failure.shrunkCase());
    assertEquals("too big: 1234", failure.getCause().getMessage());
  }

  @Test
  void aShrunkCaseThatPassesOnReplayIsCalledOut() {
    // A strategy that claims a passing value fails, as a non-deterministic check would.
    ShrinkStrategy<List<Integer>> lying =
        (failing, stillFails, budget) -> new ShrinkResult<>(List.of(), 1, 1, false);
    AssertionError original = new AssertionError("non-empty");
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                hermetic(Gens.listOf(Gens.ints(0, 9), 1, 5))
                    .shrinkWith(lying)
                    .check(
                        l -> {
                          if (!l.isEmpty()) {
                            throw original;
                          }
                        }));
    assertSame(original, failure.getCause());
    assertTrue(failure.getMessage().contains("is not deterministic"), failure.getMessage());
  }

  @Test
  void exhaustedShrinkBudgetIsReported() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                hermetic(Gens.listOf(Gens.ints(0, 9), 40, 40))
                    .shrinkBudget(2)
                    .check(l -> !l.contains(7)));
    assertTrue(
        failure
            .getMessage()
            .contains("2 re-runs of the check; budget exhausted, may not be minimal"),
        failure.getMessage());
  }

  @Test
  void longCasesAreTruncatedAndArraysShowTheirElements() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                hermetic(Gens.listOf(Gens.ints(1000, 9999), 5000, 5000))
                    .shrinkBudget(0)
                    .check(l -> false));
    String original = failure.getMessage().split("\n")[1];
    assertTrue(original.length() < 1100, original);
    assertTrue(original.endsWith("... (30000 chars in all)"), original);
    assertEquals("[1, -2]", Property.describe(new byte[] {1, -2}));
    assertEquals("[[a], null]", Property.describe(new Object[] {new String[] {"a"}, null}));
    assertEquals("null", Property.describe(null));
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> Property.forAll(LISTS).seeds(0));
    assertThrows(IllegalArgumentException.class, () -> Property.forAll(LISTS).shrinkBudget(-1));
  }

  @Test
  void outsideATestTheCallerNamesTheReproduceLine() throws InterruptedException {
    AtomicReference<PropertyFailure> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            () ->
                failure.set(
                    assertThrows(
                        PropertyFailure.class,
                        () -> hermetic(Gens.ints(0, 1)).seeds(1).check(i -> false))));
    thread.start();
    thread.join();
    assertInstanceOf(PropertyFailure.class, failure.get(), "the thread ran the property");
    String line = failure.get().reproduceLine();
    assertTrue(line.contains("-Dtest=PropertyRunnerTest#lambda$"), line);
  }
}
