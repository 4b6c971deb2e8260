package io.powercut.engine.lucene;

import io.powercut.fs.CrashFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.store.NoLockFactory;

/**
 * Where the index lives and how every writer of the subject is configured, fixed so that the same
 * operations make the same file operations (Lucene's segment ids and diagnostics timestamps still
 * differ between runs, in bytes only).
 *
 * <ul>
 *   <li>{@link NIOFSDirectory}: {@code FSDirectory.open} would pick {@code MMapDirectory}, and the
 *       crash file system refuses memory mapping (a mapped write is no logged file operation).
 *   <li>{@link NoLockFactory}: one writer per run, and recovery runs on a fresh file system after
 *       it is gone. Native locks need {@code FileChannel.tryLock}; {@code SimpleFSLockFactory}
 *       would leave a {@code write.lock} behind a power loss that no process holds, which Lucene's
 *       own default (native locks, released with the process) never does.
 *   <li>{@link SerialMergeScheduler} and a {@link LogDocMergePolicy} of factor 3 that merges any
 *       segment: merges run in the calling thread, at points fixed by document counts, and often.
 *   <li>Two buffered documents, RAM flushing off: flushes are frequent and come from counts only.
 *   <li>Compound files for flushed and merged segments: three files a segment rather than about ten
 *       keep a commit's pending operations within the enumerator's exhaustive bound.
 *   <li>No commit on close and no merge on commit: only {@link LuceneOp.Commit} commits.
 * </ul>
 */
public final class LuceneConfig {
  /** The index directory on the crash file system. */
  public static final String INDEX_DIR = "/work/index";

  static final int MAX_BUFFERED_DOCS = 2;
  static final int MERGE_FACTOR = 3;

  private LuceneConfig() {}

  /** The index directory of {@code fs}, created if it is missing. */
  public static Directory directory(CrashFileSystem fs) throws IOException {
    Path path = fs.getPath(INDEX_DIR);
    return new NIOFSDirectory(path, NoLockFactory.INSTANCE);
  }

  /** A writer configuration, fresh each time (a configuration belongs to one writer). */
  static IndexWriterConfig writer(OpenMode mode) {
    LogDocMergePolicy mergePolicy = new LogDocMergePolicy();
    mergePolicy.setMergeFactor(MERGE_FACTOR);
    mergePolicy.setMinMergeDocs(1);
    mergePolicy.setNoCFSRatio(1.0);
    return new IndexWriterConfig(new StandardAnalyzer())
        .setOpenMode(mode)
        .setMergeScheduler(new SerialMergeScheduler())
        .setMergePolicy(mergePolicy)
        .setMaxBufferedDocs(MAX_BUFFERED_DOCS)
        .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
        .setUseCompoundFile(true)
        .setCommitOnClose(false)
        .setMaxFullFlushMergeWaitMillis(0);
  }
}
