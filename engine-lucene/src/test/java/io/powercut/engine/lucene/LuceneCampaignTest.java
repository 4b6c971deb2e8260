package io.powercut.engine.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Replay;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.fs.FileCampaignResult;
import io.powercut.checker.fs.FileExplorer;
import io.powercut.checker.fs.FileReplay;
import io.powercut.checker.fs.FileReproducer;
import io.powercut.checker.results.ProgressListener;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.nio.file.Path;
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

  /**
   * The reproducer explore writes for that finding (seed 4, shrunk) replays from its file: the
   * surviving unlink of a file the stale commit still needs stops the writer.
   */
  @Test
  void theStaleCommitReproducerReplays() throws Exception {
    Path file =
        Path.of(
            LuceneCampaignTest.class
                .getResource("/findings/lucene-9.12.3-stale-commit.txt")
                .toURI());
    FileReproducer rep = FileReproducer.read(file);
    assertEquals(PersistenceMode.POSIX, rep.mode());
    assertEquals("9.12.3", org.apache.lucene.util.Version.LATEST.toString());
    Replay.Result r = FileReplay.run(LuceneSubject.fromSpec(rep.subject()), rep);
    assertTrue(r.violation(), r.report());
    assertTrue(r.report().contains("NoSuchFileException"), r.report());
  }
}
