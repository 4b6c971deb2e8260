package io.powercut.checker.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Finding;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.fs.PersistenceMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trace knows which states a crash at each position of its file log may recover. */
class FileTraceTest {
  private static final List<FileKvOp> TWO_PUTS =
      List.of(new FileKvOp.Put(0, 1), new FileKvOp.Put(1, 3));

  @Test
  void aCrashInsideAnOperationMayRecoverEitherSideAndTheEndOnlyTheLast() throws Exception {
    FileKvSubject s = FileKvSubject.correct();
    FileTrace<FileKvOp, Map<Integer, String>> t = FileTrace.run(s, FileTrace.prepare(s), TWO_PUTS);
    assertEquals(2, t.opsRun());
    int[] cuts = t.crashPositions();
    assertEquals(0, cuts[0]);
    assertEquals(t.log().size(), cuts[cuts.length - 1], "the end is a crash position");
    assertEquals(List.of(Map.of()), t.allowedAt(0));
    int insideSecond = 0;
    for (int p : cuts) {
      if (t.opAt(p) == 1) {
        insideSecond++;
        assertEquals(List.of(Map.of(0, "1"), Map.of(0, "1", 1, "3")), t.allowedAt(p));
      }
    }
    assertTrue(insideSecond >= 4, "write, force, rename, directory sync: " + insideSecond);
    assertEquals(List.of(Map.of(0, "1", 1, "3")), t.allowedAt(t.log().size()));
    assertThrows(IllegalArgumentException.class, () -> t.allowedAt(t.log().size() + 1));
  }

  @Test
  void anEngineFailureIsALiveViolationAndStopsTheRun() throws Exception {
    // A key file's name taken by a directory: the put fails, which the model rejects.
    FileCrashSearch<FileKvOp, Map<Integer, String>> search =
        new FileCrashSearch<>(
            new FileKvSubject(java.util.Set.of(), 0, false) {
              @Override
              public void prepare(io.powercut.fs.CrashFileSystem fs) throws java.io.IOException {
                super.prepare(fs);
                java.nio.file.Files.createDirectories(fs.getPath(FileKvSubject.DIR, "k0", "x"));
              }
            },
            SearchOptions.defaults(1),
            PersistenceMode.POSIX);
    FileTrace<FileKvOp, Map<Integer, String>> t = search.trace(TWO_PUTS);
    assertEquals(0, t.stoppedAt());
    assertEquals(1, t.opsRun());
    FileFinding<FileKvOp> f = search.search(t, new CampaignStats());
    assertNotNull(f);
    assertTrue(f.message().startsWith("op 0 (put 0 1): expected ok, got failed"), f.message());
    assertEquals(Finding.Kind.LIVE, search.searchEnd(t).kind(), "no crash needed");
  }

  @Test
  void blockFaultsAndEndlessCampaignsAreRefused() {
    SearchOptions misdirect =
        SearchOptions.defaults(1)
            .withEnumeration(SearchOptions.defaults(1).enumeration().withMisdirect(true));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FileCrashSearch<>(FileKvSubject.correct(), misdirect, PersistenceMode.POSIX));
    assertTrue(e.getMessage().startsWith("expected file-level faults"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new FileExplorer<>(
                FileKvSubject::correct,
                WorkloadSource.random(FileKvOp.workloads(2), 1, 3),
                ExploreOptions.unlimited(1),
                PersistenceMode.POSIX,
                ProgressListener.NONE));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new FileExplorer<>(
                FileKvSubject::correct,
                WorkloadSource.random(FileKvOp.workloads(2), 1, 3),
                ExploreOptions.of(1, 3).withIoErrorVariants(1),
                PersistenceMode.POSIX,
                ProgressListener.NONE));
  }
}
