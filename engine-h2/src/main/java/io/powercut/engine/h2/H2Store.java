package io.powercut.engine.h2;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * How the subject opens MVStore: the same settings for the workload, every reopen and every
 * recovery, chosen so that what the store writes depends only on the operations.
 *
 * <ul>
 *   <li>No background thread: {@code autoCommitDisabled()} (delay 0, so neither the writer thread
 *       nor the serialization executors start) and {@code autoCommitBufferSize(0)} (no commit
 *       because enough changes piled up); every chunk is written by an operation of the workload.
 *   <li>No housekeeping compaction: {@code autoCompactFillRate(0)}; only the {@code compact}
 *       operation rewrites or moves chunks.
 *   <li>Fixed page sizes: {@code pageSplitSize} and {@code keysPerPage} set here rather than
 *       defaulted, and small, so a few values of several KiB split pages and fill chunks.
 *   <li>Retention time: see {@link H2Subject#retentionMs()}. MVStore lets a chunk no live page uses
 *       be overwritten once it is older than this (wall-clock) time; 0 makes the choice independent
 *       of the clock.
 * </ul>
 *
 * Chunk headers still carry wall-clock times, so images differ from run to run in those bytes only;
 * no decision of the store depends on them at retention 0.
 */
final class H2Store {
  static final int PAGE_SPLIT_SIZE = 4096;
  static final int KEYS_PER_PAGE = 16;

  private H2Store() {}

  /** Opens (creating if absent) the store at H2 file name {@code url}. */
  static MVStore open(String url, int retentionMs) {
    MVStore store =
        new MVStore.Builder()
            .fileName(url)
            .autoCommitDisabled()
            .autoCommitBufferSize(0)
            .autoCompactFillRate(0)
            .pageSplitSize(PAGE_SPLIT_SIZE)
            .keysPerPage(KEYS_PER_PAGE)
            .cacheSize(1)
            .open();
    store.setRetentionTime(retentionMs);
    return store;
  }

  /** Map {@code m} of {@code store}, created if absent. */
  static MVMap<Long, byte[]> map(MVStore store, int m) {
    return store.openMap(H2Subject.mapName(m));
  }
}
