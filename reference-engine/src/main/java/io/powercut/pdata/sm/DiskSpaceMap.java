package io.powercut.pdata.sm;

import io.powercut.pdata.PdataBug;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * The data device's space map (the kernel's sm-disk): counts kept in bitmaps on the metadata
 * device, indexed by a btree. Allocation never hands out a block that was in use at the last
 * commit, so a crash can never find a committed mapping pointing at reused data.
 */
public final class DiskSpaceMap extends TransactionalSpaceMap {
  private DiskSpaceMap(TransactionManager tm) {
    super(tm, new DiskLowLevel(tm));
  }

  /** Formats an empty map of {@code nrBlocks} free blocks. */
  public static DiskSpaceMap create(TransactionManager tm, long nrBlocks) throws IOException {
    DiskSpaceMap sm = new DiskSpaceMap(tm);
    sm.format(nrBlocks);
    return sm;
  }

  public static DiskSpaceMap open(TransactionManager tm, SpaceMapRoot root) throws IOException {
    DiskSpaceMap sm = new DiskSpaceMap(tm);
    sm.load(root);
    return sm;
  }

  /**
   * Free at the last commit, less this transaction's allocations, as the kernel counts; unlike the
   * kernel, blocks added by a resize in this transaction count at once (they can be allocated at
   * once), so the count never goes negative.
   */
  @Override
  public long nrFree() {
    long grown = ll.nrBlocks - committed.nrBlocks;
    long allocated = allocatedThisTransaction;
    if (allocated > 0 && tm.bugs().has(PdataBug.FREE_DATA_COUNT_OFF_BY_ONE)) {
      allocated--;
    }
    return committed.nrBlocks - committed.nrAllocated + grown - allocated;
  }

  @Override
  public long count(long b) throws IOException {
    return ll.lookup(b);
  }

  @Override
  public boolean countIsMoreThanOne(long b) throws IOException {
    return ll.lookup(b) > 1;
  }

  @Override
  public void setCount(long b, long count) throws IOException {
    ll.insert(b, count);
  }

  @Override
  public void inc(long b) throws IOException {
    ll.inc(b);
  }

  @Override
  public void dec(long b) throws IOException {
    ll.dec(b);
  }

  /**
   * Starts adding references in bulk (a restore); until its {@link BulkIncrements#finish}, nothing
   * else may use this map.
   */
  public BulkIncrements bulkIncrements() {
    return new BulkIncrements(tm, ll);
  }

  @Override
  public long newBlock() throws IOException {
    long b = nextFree(x -> false);
    ll.inc(b);
    allocatedThisTransaction++;
    return b;
  }

  @Override
  public void extend(long extraBlocks) throws IOException {
    ll.extend(extraBlocks);
  }

  /**
   * An upper bound on the metadata blocks {@link #extend} allocates: one per new bitmap, as much
   * again for the index tree (its nodes hold far more than two entries), and a spine's worth.
   */
  public long extendCost(long extraBlocks) {
    long bitmaps =
        LowLevelSpaceMap.bitmapsFor(ll.nrBlocks + extraBlocks)
            - LowLevelSpaceMap.bitmapsFor(ll.nrBlocks);
    return 2 * bitmaps + BTree.MAX_DEPTH;
  }

  @Override
  public void commit() throws IOException {
    commitTransaction();
  }
}
