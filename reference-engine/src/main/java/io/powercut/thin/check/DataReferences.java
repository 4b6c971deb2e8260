package io.powercut.thin.check;

/**
 * Where a check counts the data blocks that its mapping leaves reference: {@link RefCounting}
 * counts every mapping as the walk meets it, {@link DataRefMemo}'s sessions count only what changed
 * since the check before. Either way the counts at {@link #finish} are the same.
 */
interface DataReferences extends AutoCloseable {
  /**
   * Counts the mappings of a valid mapping leaf that point inside the data device (below {@code
   * nrDataBlocks}, and below the counter's size); returns whether all of them do and none has a
   * time later than {@code time}, so that only a leaf with a problem is looked at again.
   */
  boolean countLeaf(long block, byte[] node, int nr, long nrDataBlocks, long time);

  /** Waits until every reference is counted and returns the counts. */
  RefCounter finish();

  /** Ends the counting; after a failure before {@link #finish}, drops what was counted. */
  @Override
  void close();
}
