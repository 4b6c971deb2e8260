package io.powercut.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
  private static final List<Integer> HUNDRED =
      IntStream.range(0, 100).boxed().collect(Collectors.toUnmodifiableList());

  /** Records every value a predicate is asked about. */
  private static final class Recording<T> implements Predicate<T> {
    final List<T> asked = new ArrayList<>();
    private final Predicate<T> inner;

    Recording(Predicate<T> inner) {
      this.inner = inner;
    }

    @Override
    public boolean test(T value) {
      asked.add(value);
      return inner.test(value);
    }
  }

  @Test
  void ddminFindsTheTwoElementsAFailureNeeds() {
    Recording<List<Integer>> needs3And17 = new Recording<>(l -> l.contains(3) && l.contains(17));
    ShrinkResult<List<Integer>> result = Shrinker.ddminResult(HUNDRED, needs3And17, 200);
    assertEquals(List.of(3, 17), result.value());
    assertFalse(result.budgetExhausted());
    assertEquals(needs3And17.asked.size(), result.calls());
    assertTrue(result.calls() <= 200, "calls " + result.calls());
    assertTrue(result.steps() > 0);
    assertEquals(
        result.calls(), new HashSet<>(needs3And17.asked).size(), "no candidate asked twice");
    assertEquals(List.of(3, 17), Shrinker.ddmin(HUNDRED, needs3And17, 200));
  }

  @Test
  void ddminResultIsOneMinimalAndOrderPreserving() {
    // Fails when the elements sum to at least 50; many minimal answers exist.
    Predicate<List<Integer>> bigSum = l -> l.stream().mapToInt(Integer::intValue).sum() >= 50;
    List<Integer> input = List.of(9, 1, 30, 2, 8, 7, 20, 3, 11, 4);
    List<Integer> result = Shrinker.ddmin(input, bigSum, 1000);
    assertTrue(bigSum.test(result));
    for (int i = 0; i < result.size(); i++) {
      List<Integer> without = new ArrayList<>(result);
      without.remove(i);
      assertFalse(bigSum.test(without), "removing index " + i + " of " + result);
    }
    int at = 0;
    for (Integer element : result) {
      at = input.subList(at, input.size()).indexOf(element) + at + 1;
      assertTrue(at > 0, result + " is not a subsequence of " + input);
    }
  }

  @Test
  void ddminStopsAtTheBudgetWithAStillFailingList() {
    Recording<List<Integer>> needs3And17 = new Recording<>(l -> l.contains(3) && l.contains(17));
    ShrinkResult<List<Integer>> result = Shrinker.ddminResult(HUNDRED, needs3And17, 5);
    assertTrue(result.budgetExhausted());
    assertEquals(5, result.calls());
    assertEquals(5, needs3And17.asked.size());
    assertTrue(result.value().containsAll(List.of(3, 17)));
    assertTrue(result.value().size() < 100);
  }

  @Test
  void ddminWithNoBudgetReturnsTheInput() {
    ShrinkResult<List<Integer>> result = Shrinker.ddminResult(HUNDRED, l -> true, 0);
    assertEquals(HUNDRED, result.value());
    assertEquals(0, result.calls());
    assertTrue(result.budgetExhausted());
    assertThrows(IllegalArgumentException.class, () -> Shrinker.ddmin(HUNDRED, l -> true, -1));
  }

  @Test
  void ddminReachesTheEmptyListWhenEverythingFails() {
    ShrinkResult<List<String>> result = Shrinker.ddminResult(List.of("a", "b", "c"), l -> true, 10);
    assertEquals(List.of(), result.value());
    assertEquals(2, result.steps());
    assertEquals(List.of(), Shrinker.ddmin(List.of(), l -> true, 10));
  }

  @Test
  void ddminKeepsASingleNeededElement() {
    ShrinkResult<List<String>> result =
        Shrinker.ddminResult(List.of("a", "b", "c"), l -> l.contains("c"), 10);
    assertEquals(List.of("c"), result.value());
    assertFalse(result.budgetExhausted());
  }

  @Test
  void ddminIsDeterministic() {
    Predicate<List<Integer>> fails = l -> l.stream().filter(i -> i % 7 == 3).count() >= 4;
    ShrinkResult<List<Integer>> first = Shrinker.ddminResult(HUNDRED, fails, 500);
    assertEquals(first, Shrinker.ddminResult(HUNDRED, fails, 500));
    assertEquals(4, first.value().size());
  }

  @Test
  void shrinkHillClimbsAnIntegerDownToTheThreshold() {
    Recording<Long> atLeast1234 = new Recording<>(x -> x >= 1234);
    ShrinkResult<Long> result =
        Shrinker.shrinkResult(987_654L, Shrinker::towardsZero, atLeast1234, 1000);
    assertEquals(1234L, result.value());
    assertFalse(result.budgetExhausted());
    assertEquals(atLeast1234.asked.size(), result.calls());
    assertEquals(result.calls(), new HashSet<>(atLeast1234.asked).size(), "no value asked twice");
    assertTrue(result.calls() < 1000);
    assertEquals(-1234L, Shrinker.shrink(-987_654L, Shrinker::towardsZero, x -> x <= -1234, 1000));
  }

  @Test
  void shrinkStopsAtTheBudgetWithAStillFailingValue() {
    ShrinkResult<Long> result =
        Shrinker.shrinkResult(987_654L, Shrinker::towardsZero, x -> x >= 1234, 3);
    assertTrue(result.budgetExhausted());
    assertEquals(3, result.calls());
    assertTrue(result.value() >= 1234 && result.value() < 987_654L);
  }

  @Test
  void shrinkOfAMinimalValueCostsNothing() {
    ShrinkResult<Long> result = Shrinker.shrinkResult(0L, Shrinker::towardsZero, x -> true, 10);
    assertEquals(new ShrinkResult<>(0L, 0, 0, false), result);
  }

  @Test
  void shrinkWorksForAnyTypeWithCandidates() {
    // Candidates drop one character; the failure needs an 'x' and a 'y' in that order.
    String shrunk =
        Shrinker.shrink(
            "abxcdyef",
            s ->
                IntStream.range(0, s.length())
                    .mapToObj(i -> s.substring(0, i) + s.substring(i + 1)),
            s -> s.matches(".*x.*y.*"),
            100);
    assertEquals("xy", shrunk);
  }

  @Test
  void towardsZeroTriesZeroFirstAndEndsOneStepAway() {
    assertEquals(List.of(0L, 5L, 8L, 9L), Shrinker.towardsZero(10).collect(Collectors.toList()));
    assertEquals(
        List.of(0L, -5L, -8L, -9L), Shrinker.towardsZero(-10).collect(Collectors.toList()));
    assertEquals(List.of(), Shrinker.towardsZero(0).collect(Collectors.toList()));
    List<Long> fromMin = Shrinker.towardsZero(Long.MIN_VALUE).collect(Collectors.toList());
    assertEquals(0L, fromMin.get(0));
    assertEquals(Long.MIN_VALUE + 1, fromMin.get(fromMin.size() - 1));
    assertTrue(fromMin.stream().allMatch(x -> x <= 0), "no overflow past zero");
  }

  @Test
  void strategiesDelegateToTheShrinker() {
    Predicate<List<Integer>> needs3And17 = l -> l.contains(3) && l.contains(17);
    assertEquals(
        List.of(3, 17), ShrinkStrategy.<Integer>ddmin().shrink(HUNDRED, needs3And17, 200).value());
    ShrinkStrategy<Long> greedy = ShrinkStrategy.greedy(Shrinker::towardsZero);
    assertEquals(1234L, greedy.shrink(5000L, x -> x >= 1234, 100).value());
    assertEquals(
        ShrinkResult.unshrunk(HUNDRED),
        ShrinkStrategy.<List<Integer>>none().shrink(HUNDRED, l -> true, 9));
  }

  @Test
  void shrinkClosesItsCandidateStreams() {
    List<String> closed = new ArrayList<>();
    Shrinker.shrink(
        3L, x -> Shrinker.towardsZero(x).onClose(() -> closed.add("closed " + x)), x -> x >= 2, 10);
    assertEquals(List.of("closed 3", "closed 2"), closed);
  }
}
