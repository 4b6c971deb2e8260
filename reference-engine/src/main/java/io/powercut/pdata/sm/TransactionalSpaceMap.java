package io.powercut.pdata.sm;

import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.function.LongPredicate;

/**
 * What the data and the metadata space maps share around their on-disk format: the map as of the
 * last commit (allocation never hands out a block in use there, so a crash cannot find a committed
 * structure pointing at a reused block), the block allocation resumes from, and how many blocks
 * this transaction allocated. Subclasses say how a count changes.
 */
abstract class TransactionalSpaceMap implements SpaceMap {
  final TransactionManager tm;
  final LowLevelSpaceMap ll;
  LowLevelSpaceMap committed;
  long begin;
  long allocatedThisTransaction;

  TransactionalSpaceMap(TransactionManager tm, LowLevelSpaceMap ll) {
    this.tm = tm;
    this.ll = ll;
  }

  /** Formats an empty map of {@code nrBlocks} free blocks; that is its last commit. */
  final void format(long nrBlocks) throws IOException {
    ll.create();
    ll.extend(nrBlocks);
    committed = ll.snapshot();
  }

  /** Opens the map {@code root} names, as of its last commit. */
  final void load(SpaceMapRoot root) throws IOException {
    ll.open(root);
    committed = ll.snapshot();
  }

  /**
   * The next block, from where the last allocation stopped, that is free now and at the last commit
   * and not {@code busy}; throws {@link NoSpaceException} naming the map if there is none.
   */
  final long nextFree(LongPredicate busy) throws IOException {
    long b = ll.findCommonFree(committed, begin, busy);
    if (b < 0) {
      throw new NoSpaceException(ll.space());
    }
    begin = b + 1;
    return b;
  }

  /** Ends the transaction: the index is written and becomes the last commit. */
  final void commitTransaction() throws IOException {
    ll.commitIndex();
    committed = ll.snapshot();
    begin = 0;
    allocatedThisTransaction = 0;
  }

  @Override
  public final long nrBlocks() {
    return ll.nrBlocks;
  }

  @Override
  public final SpaceMapRoot root() {
    return ll.root();
  }
}
