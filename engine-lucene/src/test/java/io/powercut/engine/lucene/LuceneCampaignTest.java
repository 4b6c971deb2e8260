package io.powercut.engine.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.ExploreOptions;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.fs.FileCampaignResult;
import io.powercut.checker.fs.FileExplorer;
import io.powercut.checker.results.ProgressListener;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lucene under power cuts, through the file-level checker: in ORDERED mode no crash state of a
 * fixed campaign or of an exhaustive sweep recovers anything but a commit the model allows; in
 * POSIX mode the campaign finds exactly the pinned known finding of this version
 * (docs/findings/lucene-stale-commit.md).
 */
class LuceneCampaignTest {
  private static FileCampaignResult<LuceneOp> campaign(
      WorkloadSource<LuceneOp> workloads, ExploreOptions options, PersistenceMode mode)
      throws IOException {
    return new FileExplorer<>(LuceneSubject::new, workloads, options, mode, ProgressListener.NONE)
        .run();
  }

  @Test
  void orderedCrashesRecoverACommit() throws IOException {
    FileCampaignResult<LuceneOp> r =
        campaign(
            WorkloadSource.random(new LuceneWorkloads(3), 5, 9),
            ExploreOptions.of(5, 4).withThreads(2),
            PersistenceMode.ORDERED);
    assertTrue(r.finding().isEmpty(), () -> r.reproducer().get().render());
    assertTrue(r.stats().statesChecked() > 500, "states " + r.stats().statesChecked());
  }

  @Test
  void everySequenceOfTwoOperationsRecoversInOrderedMode() throws IOException {
    FileCampaignResult<LuceneOp> r =
        campaign(
            WorkloadSource.exhaustive(LuceneWorkloads.vocabulary(), 2),
            ExploreOptions.unlimited(1).withThreads(2),
            PersistenceMode.ORDERED);
    assertTrue(r.finding().isEmpty(), () -> r.reproducer().get().render());
    int v = LuceneWorkloads.vocabulary().size();
    assertEquals(v + v * v, r.stats().workloads);
  }

  /**
   * What POSIX mode finds is the stale commit, shrunk to the commits and merge that make it. Seed 4
   * is a fixed campaign whose fourth workload meets it (most short workloads do not: the window
   * needs a merge between two commits).
   */
  @Test
  void posixFindsExactlyTheKnownStaleCommit() throws IOException {
    FileCampaignResult<LuceneOp> r =
        campaign(
            WorkloadSource.random(new LuceneWorkloads(3), 4, 6),
            ExploreOptions.of(4, 4).withThreads(2),
            PersistenceMode.POSIX);
    String repro = r.reproducer().map(x -> x.render()).orElse("no finding");
    String message = r.finding().orElseThrow(() -> new AssertionError(repro)).message();
    assertTrue(message.contains("CheckIndex") || message.contains("NoSuchFileException"), repro);
    List<String> ops = r.reproducer().get().ops();
    assertTrue(ops.size() <= 5 && ops.contains("merge"), repro);
    assertTrue(ops.stream().filter("commit"::equals).count() >= 2, repro);
  }
}
