package io.powercut.checker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.Coverage;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.CoverageRow;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
import io.powercut.thin.PoolMetadata;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The workloads reach the whole API of the engine, and what they leave out is said and why. */
class ThinApiTest {
  @Test
  void everyPublicMethodOfTheEngineIsCalledByAWorkloadOrListedAsOutOfScope() {
    Set<String> api = new TreeSet<>();
    for (Method m : PoolMetadata.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        api.add(m.getName());
      }
    }
    Set<String> called = new TreeSet<>();
    for (ThinOpKind k : ThinOpKind.values()) {
      called.addAll(k.engineMethods());
    }
    Set<String> accounted = new TreeSet<>(called);
    accounted.addAll(ThinApi.OUT_OF_SCOPE.keySet());
    assertEquals(api, accounted, "engine API vs workload vocabulary + out of scope");
    for (String m : ThinApi.OUT_OF_SCOPE.keySet()) {
      assertTrue(!called.contains(m), m + " is both called and out of scope");
    }
  }

  @Test
  void theReadmeListsWhatIsOutOfScope() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    for (String m : ThinApi.OUT_OF_SCOPE.keySet()) {
      assertTrue(text.contains("`" + m + "`"), "README.md does not list `" + m + "`");
    }
    for (ThinOpKind k : ThinOpKind.values()) {
      assertTrue(text.contains("`" + k.id() + "`"), "README.md does not list `" + k.id() + "`");
    }
  }

  @Test
  void theExhaustiveVocabularyHasEveryKindOfOperation() {
    Set<ThinOpKind> kinds = EnumSet.noneOf(ThinOpKind.class);
    for (ThinOp op : ThinWorkloads.vocabulary()) {
      kinds.add(ThinOpKind.of(op));
    }
    assertEquals(EnumSet.allOf(ThinOpKind.class), kinds);
  }

  /** What `explore` runs by default (8 devices, 4096 blocks, 5% bulk, 40 steps), for a moment. */
  @Test
  void aShortDefaultCampaignCallsEveryOperationAndEachOneSucceeds() throws Exception {
    CampaignResult<ThinOp> r =
        new Explorer<ThinOp, PoolState>(
                () -> new ThinSubject(1024, 8192, Bugs.NONE),
                WorkloadSource.random(new ThinWorkloads(8, 4096, 8192).withBulk(5), 1, 40),
                ExploreOptions.of(1, 60).withThreads(2),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), () -> r.reproducer().get().render());
    Coverage c = r.stats().coverage;
    List<String> missing = new ArrayList<>();
    for (ThinOpKind k : ThinOpKind.values()) {
      CoverageRow row = c.row(k);
      if (row.ok() == 0) {
        missing.add(k.id() + " never succeeded (" + row + ")");
      }
    }
    assertTrue(missing.isEmpty(), String.join("\n", missing));
    // Changes stay in the engine's cache until a commit writes them: the crash points are there.
    for (ThinOpKind k :
        List.of(
            ThinOpKind.COMMIT,
            ThinOpKind.RESERVE_SNAP,
            ThinOpKind.RELEASE_SNAP,
            ThinOpKind.REOPEN,
            ThinOpKind.SET_NEEDS_CHECK)) {
      assertTrue(c.row(k).crashPoints() > 0, k.id() + " had no crash point inside");
    }
    for (ThinOpKind k : ThinOpKind.values()) {
      if (k.isQuery()) {
        assertEquals(0, c.row(k).crashPoints(), k.id() + " wrote something");
      }
    }
    long ran = 0;
    for (CoverageRow row : c.rows().values()) {
      ran += row.ran();
    }
    assertEquals(r.stats().operations, ran, "every operation is in the table once");
  }
}
