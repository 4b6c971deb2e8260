package io.powercut.engine.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.Recovery;
import io.powercut.fs.CrashFileSystem;
import io.powercut.fs.FsCrashPoint;
import io.powercut.fs.PersistenceMode;
import io.powercut.property.junit.Seeded;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LuceneSubjectTest {
  private static final LuceneOp.Commit COMMIT = new LuceneOp.Commit();

  @Test
  void theInitialImageIsAnEmptyCommittedIndex() throws IOException {
    CrashFileSystem fs = CrashFileSystem.create();
    new LuceneSubject().prepare(fs);
    Recovery<LuceneState> rec = new LuceneSubject().recover(CrashFileSystem.of(fs.snapshot()));
    assertTrue(rec.clean(), rec.corruption());
    assertEquals(LuceneState.EMPTY, rec.state());
  }

  @Test
  void aCleanReopenShowsTheLastCommitOnly() throws IOException {
    WorkloadRun run =
        WorkloadRun.of(
            List.of(
                new LuceneOp.Add(1, 10),
                new LuceneOp.Add(2, 20),
                new LuceneOp.Add(2, 21),
                COMMIT,
                new LuceneOp.Update(2, 22),
                new LuceneOp.Delete(1),
                new LuceneOp.Flush()));
    assertEquals(
        LuceneState.of(
            List.of(
                new LuceneState.Doc(1, 10),
                new LuceneState.Doc(2, 20),
                new LuceneState.Doc(2, 21))),
        run.committed());
    assertRecovers(run, run.committed());
  }

  @Test
  void reopenDropsWhatNoCommitCovered() throws IOException {
    WorkloadRun run =
        WorkloadRun.of(
            List.of(
                new LuceneOp.Add(1, 10),
                COMMIT,
                new LuceneOp.Update(1, 11),
                new LuceneOp.Reopen(),
                new LuceneOp.Add(2, 20),
                new LuceneOp.Merge(),
                COMMIT));
    assertEquals(
        LuceneState.of(List.of(new LuceneState.Doc(1, 10), new LuceneState.Doc(2, 20))),
        run.committed());
    assertRecovers(run, run.committed());
  }

  @Seeded
  @Test
  void seededWorkloadsRecoverTheModelsState(long seed) throws IOException {
    for (int w = 0; w < 10; w++) {
      List<LuceneOp> ops = new LuceneWorkloads(4).generate(seed + w, 30);
      assertRecovers(WorkloadRun.of(ops), WorkloadRun.of(ops).committed());
    }
  }

  @Test
  void theSameWorkloadMakesTheSameFileOperations() throws IOException {
    List<LuceneOp> ops = new LuceneWorkloads(3).generate(7, 25);
    WorkloadRun a = WorkloadRun.of(ops);
    WorkloadRun b = WorkloadRun.of(ops);
    assertEquals(shape(a), shape(b));
  }

  // Every log entry as text: paths, inodes and byte ranges, not the bytes (segment ids and
  // timestamps differ from run to run).
  private static List<String> shape(WorkloadRun run) {
    return run.fs.log().prefix(run.fs.log().size()).stream().map(Object::toString).toList();
  }

  private static void assertRecovers(WorkloadRun run, LuceneState expected) throws IOException {
    FsCrashPoint end = run.fs.crashPoint(PersistenceMode.POSIX);
    CrashFileSystem after = end.materialize(end.allSurvive());
    Recovery<LuceneState> rec = run.subject.recover(after);
    assertTrue(rec.clean(), rec.corruption() + " after " + run.ops);
    assertEquals(expected, rec.state(), "after " + run.ops);
  }
}
