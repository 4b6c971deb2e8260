package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.powercut.checker.results.ProgressListener;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadSourceTest {
  @Test
  void exhaustiveListsEverySequenceOnceShortestFirst() {
    WorkloadSource<String> s = WorkloadSource.exhaustive(List.of("a", "b", "c"), 3);
    assertEquals(OptionalLong.of(3 + 9 + 27), s.size());
    long size = s.size().getAsLong();
    Set<List<String>> seen = new HashSet<>();
    int lastLength = 0;
    for (long i = 0; i < size; i++) {
      List<String> w = s.workload(i);
      assertEquals(true, w.size() >= lastLength, "shortest first");
      lastLength = w.size();
      assertEquals(true, seen.add(w), "listed twice: " + w);
    }
    assertEquals(List.of("a"), s.workload(0));
    assertEquals(List.of("a", "a"), s.workload(3));
    assertEquals(List.of("c", "c", "c"), s.workload(size - 1));
    assertThrows(IndexOutOfBoundsException.class, () -> s.workload(size));
  }

  @Test
  void randomWorkloadsDependOnlyOnTheIndex() {
    WorkloadGenerator<Long> g = (seed, len) -> List.of(seed, (long) len);
    WorkloadSource<Long> s = WorkloadSource.random(g, 42, 5);
    assertEquals(s.workload(7), s.workload(7));
    assertEquals(OptionalLong.empty(), s.size(), "no end");
    assertEquals(false, s.workload(7).equals(s.workload(8)));
  }

  @Test
  void aCampaignOverEndlessWorkloadsMustHaveALimit() {
    WorkloadSource<Long> endless = WorkloadSource.random((seed, len) -> List.of(seed), 1, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Explorer<Long, Long>(
                    () -> null, endless, ExploreOptions.unlimited(1), ProgressListener.NONE));
    assertEquals(
        "a campaign over endless workloads needs a workload or time limit", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ExploreOptions.of(1, -1));
  }
}
