package io.powercut.engine.lucene;

import io.powercut.checker.Recovery;
import io.powercut.fs.CrashFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentInfos;

/**
 * The known finding of docs/findings/lucene-stale-commit.md: a crash state whose only fault is an
 * older {@code segments_N} that survived its unlink while files only it referenced did not. Such a
 * state recovers cleanly, and to an allowed commit, once every commit file but the newest is gone.
 */
final class StaleCommit {
  private StaleCommit() {}

  /** Whether the stale older commits of {@code crashed} explain why it failed to recover. */
  static boolean explains(CrashFileSystem crashed, List<LuceneState> allowed) throws IOException {
    Path dir = crashed.getPath(LuceneConfig.INDEX_DIR);
    List<Path> commits;
    try (Stream<Path> files = Files.list(dir)) {
      commits =
          files
              .filter(f -> f.getFileName().toString().startsWith(IndexFileNames.SEGMENTS + "_"))
              .sorted((a, b) -> Long.compare(generation(b), generation(a)))
              .toList();
    }
    if (commits.size() < 2) {
      return false;
    }
    for (Path older : commits.subList(1, commits.size())) {
      Files.delete(older);
    }
    Recovery<LuceneState> rec = new LuceneSubject().recover(crashed);
    return rec.clean() && allowed.contains(rec.state());
  }

  private static long generation(Path segmentsFile) {
    return SegmentInfos.generationFromSegmentsFileName(segmentsFile.getFileName().toString());
  }
}
