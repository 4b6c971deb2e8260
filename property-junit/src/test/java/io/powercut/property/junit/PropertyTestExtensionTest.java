package io.powercut.property.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.powercut.property.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs {@link Samples} through the real Jupiter engine and checks what it reports. */
class PropertyTestExtensionTest {
  /** Nested, so reproduce lines and default seeds name it with its outer class. */
  private static final String SAMPLES = "PropertyTestExtensionTest$Samples";

  /** Test methods run only through the engine kit; static nested, so Surefire skips them. */
  static class Samples {
    static final List<Long> seeds = new ArrayList<>();

    @PropertyTest(seeds = 7)
    void sevenSeeds(long seed) {
      seeds.add(seed);
    }

    @PropertyTest(seeds = 3)
    void randomMatchesSeed(SplittableRandom random, Long seed, TestInfo info) {
      assertEquals(new SplittableRandom(seed).nextLong(), random.nextLong());
      assertTrue(info.getDisplayName().endsWith("seed=" + Seeds.format(seed)));
      seeds.add(seed);
    }

    @PropertyTest(seeds = 4)
    void alwaysFails(long seed) {
      throw new AssertionError("failed " + Seeds.format(seed));
    }

    @PropertyTest(seeds = 2)
    void alwaysAborts(long seed) {
      Assumptions.abort("not applicable");
    }

    @PropertyTest(seeds = 0)
    void noSeeds(long seed) {
      seeds.add(seed);
    }

    @ExtendWith(PropertyTestExtension.class)
    @RepeatedTest(2)
    void repeatedNotProperty() {
      seeds.add(-1L);
    }
  }

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void clearSeeds() {
    Samples.seeds.clear();
  }

  /** Runs one sample with explicit settings only: no system property leaks into the run. */
  private EngineExecutionResults run(String method, Map<String, String> settings, String... types) {
    Map<String, String> all = new HashMap<>(Map.of(ReproduceLine.MODULE, "property"));
    all.putAll(settings);
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      return EngineTestKit.engine("junit-jupiter")
          .enableImplicitConfigurationParameters(false)
          .configurationParameters(all)
          .selectors(selectMethod(Samples.class, method, String.join(",", types)))
          .execute();
    } finally {
      System.setErr(original);
    }
  }

  private static List<String> displayNames(Events events) {
    return events.map(e -> e.getTestDescriptor().getDisplayName()).collect(Collectors.toList());
  }

  private static List<Long> derived(String name, int n) {
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(Seeds.derive(Seeds.fromName(name), i));
    }
    return expected;
  }

  @Test
  void runsOneInvocationPerSeedNamedAfterIt() {
    Events tests = run("sevenSeeds", Map.of(), "long").testEvents();
    tests.assertStatistics(s -> s.started(7).succeeded(7));
    List<Long> expected = derived(SAMPLES + "#sevenSeeds", 7);
    assertEquals(expected, Samples.seeds);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      names.add("[" + (i + 1) + "] seed=" + Seeds.format(expected.get(i)));
    }
    assertEquals(names, displayNames(tests.started()));
  }

  @Test
  void powercutSeedRunsOnlyThatSeedOnce() {
    Events tests = run("sevenSeeds", Map.of(SeedPlan.SEED, "0x2a"), "long").testEvents();
    tests.assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals(List.of(42L), Samples.seeds);
    assertEquals(List.of("[1] seed=0x2a"), displayNames(tests.started()));
  }

  @Test
  void powercutSeedsAndBaseSeedOverrideTheAnnotation() {
    run("sevenSeeds", Map.of(SeedPlan.SEEDS, "12", SeedPlan.BASE_SEED, "5"), "long")
        .testEvents()
        .assertStatistics(s -> s.started(12).succeeded(12));
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      expected.add(Seeds.derive(5, i));
    }
    assertEquals(expected, Samples.seeds);
  }

  @Test
  void resolvesBoxedSeedAndSeededRandomAlongsideOtherParameters() {
    run(
            "randomMatchesSeed",
            Map.of(),
            "java.util.SplittableRandom",
            "java.lang.Long",
            TestInfo.class.getName())
        .testEvents()
        .assertStatistics(s -> s.started(3).succeeded(3));
    assertEquals(derived(SAMPLES + "#randomMatchesSeed", 3), Samples.seeds);
  }

  @Test
  void failuresCarryAndPrintTheReproduceLine() {
    Events failed = run("alwaysFails", Map.of(), "long").testEvents().failed();
    assertEquals(4, failed.count());
    List<String> lines = new ArrayList<>();
    for (Event event : failed.list()) {
      Throwable failure =
          event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
      String seed = failure.getMessage().substring("failed ".length());
      String line =
          "REPRODUCE: mvn -pl property test -Dtest='"
              + SAMPLES
              + "#alwaysFails' -Dpowercut.seed="
              + seed;
      assertEquals(1, failure.getSuppressed().length, "the failure itself is kept");
      assertEquals(line, failure.getSuppressed()[0].getMessage());
      lines.add(line);
    }
    assertEquals(
        derived(SAMPLES + "#alwaysFails", 4).stream()
            .map(Seeds::format)
            .collect(Collectors.toList()),
        lines.stream().map(l -> l.substring(l.lastIndexOf('=') + 1)).collect(Collectors.toList()));
    List<String> printed =
        Arrays.stream(stderr.toString(StandardCharsets.UTF_8).split("\n"))
            .filter(l -> l.startsWith("REPRODUCE: "))
            .collect(Collectors.toList());
    assertEquals(lines, printed);
  }

  @Test
  void abortedInvocationsAreNotFailures() {
    Events tests = run("alwaysAborts", Map.of(), "long").testEvents();
    tests.assertStatistics(s -> s.started(2).aborted(2).failed(0));
    for (Event event : tests.aborted().list()) {
      Throwable abort =
          event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
      assertEquals(0, abort.getSuppressed().length);
    }
    assertEquals("", stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void zeroSeedsIsAnError() {
    Events containers = run("noSeeds", Map.of(), "long").containerEvents();
    Throwable error =
        containers
            .failed()
            .list()
            .get(0)
            .getRequiredPayload(TestExecutionResult.class)
            .getThrowable()
            .orElseThrow();
    assertInstanceOf(IllegalArgumentException.class, error);
    assertEquals("@PropertyTest seeds must be at least 1, got 0", error.getMessage());
    assertTrue(Samples.seeds.isEmpty());
  }

  @Test
  void leavesOtherTestTemplatesToTheirOwnProviders() {
    run("repeatedNotProperty", Map.of())
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));
    assertEquals(List.of(-1L, -1L), Samples.seeds);
  }
}
