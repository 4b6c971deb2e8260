package io.powercut.engine.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.Recovery;
import io.powercut.fs.CrashFileSystem;
import io.powercut.fs.FileOp;
import io.powercut.fs.FsCrashPoint;
import io.powercut.fs.FsCrashState;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Version;
import org.junit.jupiter.api.Test;

/**
 * The known finding of Lucene 9.12.3, docs/findings/lucene-stale-commit.md: after a commit, the
 * writer unlinks the previous {@code segments_N} and then the files only it referenced, with no
 * directory sync in between, so under POSIX a file's unlink may survive a power loss that the
 * commit file's unlink does not. The stale commit then stops {@code IndexWriter} and {@code
 * CheckIndex}, though a reader still sees the last commit.
 */
class StaleCommitFindingTest {
  private static final List<LuceneOp> OPS =
      List.of(
          new LuceneOp.Add(0, 1),
          new LuceneOp.Commit(),
          new LuceneOp.Add(1, 2),
          new LuceneOp.Commit(),
          new LuceneOp.Merge(),
          new LuceneOp.Commit());

  @Test
  void theFindingIsOfThisLucene() {
    assertEquals(
        "9.12.3", Version.LATEST.toString(), "a new Lucene: re-check the finding and this pin");
  }

  @Test
  void anUnlinkThatOutlivesTheCommitFilesUnlinkStopsTheWriter() throws IOException {
    WorkloadRun run = WorkloadRun.of(OPS);
    FsCrashPoint end = run.fs.crashPoint(PersistenceMode.POSIX);
    assertEquals(
        List.of(
            "delete /work/index/segments_3",
            "delete /work/index/_1.cfs",
            "delete /work/index/_0.cfe",
            "delete /work/index/_0.si",
            "delete /work/index/_1.cfe",
            "delete /work/index/_1.si",
            "delete /work/index/_0.cfs"),
        unlinks(end).mapToObj(i -> pathOf(end, i)).toList(),
        "the unlinks pending after the last commit (the rest are writes to files gone already)");
    FsCrashState onlySi = FsCrashState.at(end.position()).survive(indexOf(end, "_0.si")).build();

    Recovery<LuceneState> rec = run.subject.recover(end.materialize(onlySi));
    assertFalse(rec.clean(), "expected the stale commit to fail recovery");
    assertTrue(rec.corruption().startsWith("CheckIndex"), rec.corruption());
    try (Directory dir = LuceneConfig.directory(end.materialize(onlySi));
        DirectoryReader reader = DirectoryReader.open(dir)) {
      assertEquals(2, reader.numDocs(), "a reader still sees the last commit");
      CorruptIndexException e =
          assertThrows(
              CorruptIndexException.class,
              () -> new IndexWriter(dir, LuceneConfig.writer(OpenMode.APPEND)),
              "the writer loads every commit, segments_3 too");
      assertTrue(
          e.getCause() instanceof NoSuchFileException n && n.getMessage().endsWith("/_0.si"),
          "expected the missing _0.si as the cause, got " + e.getCause());
    }
    assertTrue(StaleCommit.explains(end.materialize(onlySi), List.of(run.committed())));
  }

  @Test
  void theOtherOrderStopsTheWriterToo() throws IOException {
    WorkloadRun run = WorkloadRun.of(OPS);
    FsCrashPoint end = run.fs.crashPoint(PersistenceMode.POSIX);
    FsCrashState onlyCfs = FsCrashState.at(end.position()).survive(indexOf(end, "_1.cfs")).build();
    CrashFileSystem crashed = end.materialize(onlyCfs);
    try (Directory dir = LuceneConfig.directory(crashed)) {
      // segments_3 loads (its .si files are there), then deleting its files meets the gone _1.cfs.
      assertThrows(
          NoSuchFileException.class,
          () -> new IndexWriter(dir, LuceneConfig.writer(OpenMode.APPEND)));
    }
  }

  @Test
  void ext4OrderedNeverLeavesIt() throws IOException {
    WorkloadRun run = WorkloadRun.of(OPS);
    FsCrashPoint end = run.fs.crashPoint(PersistenceMode.ORDERED);
    FsCrashState onlySi = FsCrashState.at(end.position()).survive(indexOf(end, "_0.si")).build();
    // The journal keeps a prefix of the unlinks: segments_3's goes first.
    assertThrows(IllegalArgumentException.class, () -> end.image(onlySi));
  }

  private static IntStream unlinks(FsCrashPoint point) {
    return Arrays.stream(point.pending()).filter(i -> point.log().get(i) instanceof FileOp.Delete);
  }

  private static String pathOf(FsCrashPoint point, int index) {
    FileOp.Delete d = (FileOp.Delete) point.log().get(index);
    return "delete " + d.path();
  }

  private static int indexOf(FsCrashPoint point, String name) {
    return unlinks(point)
        .filter(i -> pathOf(point, i).endsWith("/" + name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("expected a pending unlink of " + name));
  }
}
