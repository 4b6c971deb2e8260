package io.powercut.property.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.powercut.property.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Events;

/** Runs {@link SeededSamples} through the real Jupiter engine and checks what it reports. */
class SeededExtensionTest {

  /** Test methods run only through the engine kit; static nested, so Surefire skips them. */
  static class SeededSamples {
    static final List<Long> seeds = new ArrayList<>();

    @Test
    @Seeded
    void seeded(long seed, SplittableRandom random) {
      assertEquals(new SplittableRandom(seed).nextLong(), random.nextLong());
      seeds.add(seed);
    }

    @Test
    @Seeded
    void fails(long seed) {
      seeds.add(seed);
      throw new IllegalStateException("broken");
    }

    @Test
    @Seeded
    void aborts(Long seed) {
      Assumptions.abort("not applicable");
    }
  }

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void clearSeeds() {
    SeededSamples.seeds.clear();
  }

  private Events run(String method, Map<String, String> settings, String types) {
    Map<String, String> all = new HashMap<>(Map.of(ReproduceLine.MODULE, "fuzz"));
    all.putAll(settings);
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      return org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
          .enableImplicitConfigurationParameters(false)
          .configurationParameters(all)
          .selectors(selectMethod(SeededSamples.class, method, types))
          .execute()
          .testEvents();
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void seedIsSeedZeroOfTheTestsRun() {
    run("seeded", Map.of(), "long,java.util.SplittableRandom")
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals(
        List.of(Seeds.derive(Seeds.fromName("SeededExtensionTest$SeededSamples#seeded"), 0)),
        SeededSamples.seeds);
  }

  @Test
  void seedAndBaseSeedSettingsApply() {
    run("seeded", Map.of(SeedPlan.SEED, "-3"), "long,java.util.SplittableRandom")
        .assertStatistics(s -> s.succeeded(1));
    run("seeded", Map.of(SeedPlan.BASE_SEED, "0x10"), "long,java.util.SplittableRandom")
        .assertStatistics(s -> s.succeeded(1));
    assertEquals(List.of(-3L, Seeds.derive(16, 0)), SeededSamples.seeds);
  }

  @Test
  void failureCarriesAndPrintsTheReproduceLine() {
    Events tests = run("fails", Map.of(SeedPlan.SEED, "0x2a"), "long");
    tests.assertStatistics(s -> s.failed(1));
    Throwable failure =
        tests
            .failed()
            .list()
            .get(0)
            .getRequiredPayload(TestExecutionResult.class)
            .getThrowable()
            .orElseThrow();
    String line =
        "REPRODUCE: mvn -pl fuzz test -Dtest='SeededExtensionTest$SeededSamples#fails'"
            + " -Dpowercut.seed=0x2a";
    assertEquals("broken", failure.getMessage());
    assertEquals(line, failure.getSuppressed()[0].getMessage());
    assertEquals(line + System.lineSeparator(), stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void abortIsNotAFailure() {
    run("aborts", Map.of(), "java.lang.Long").assertStatistics(s -> s.aborted(1).failed(0));
    assertTrue(stderr.toString(StandardCharsets.UTF_8).isEmpty());
  }
}
