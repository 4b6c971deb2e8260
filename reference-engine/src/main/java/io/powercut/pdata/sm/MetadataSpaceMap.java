package io.powercut.pdata.sm;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * The metadata device's space map, which lives on the device it describes (the kernel's
 * sm-metadata). Changing a count may shadow a bitmap or a ref-count node, which needs a new block
 * from this very map: such nested calls are queued and applied, oldest first, when the outermost
 * call returns. At format time a bootstrap allocator hands out blocks linearly until the map exists
 * to count them.
 *
 * <p>A map formatted over a device that still holds another pool may be told to keep that pool's
 * blocks: it never hands them out, and counts them as neither used nor free, so that the new pool
 * can be written beside the old one and replace it by its superblock alone.
 */
public final class MetadataSpaceMap extends TransactionalSpaceMap {
  /** Most nested operations one outer call may queue, as the kernel's ring buffer. */
  public static final int MAX_RECURSIVE_OPS = 1024;

  private final ArrayDeque<BlockOp> pending = new ArrayDeque<>();
  private final BitSet kept;
  private final long keptCount;
  private int recursion;
  private boolean bootstrap;

  private record BlockOp(boolean inc, long block) {}

  private MetadataSpaceMap(TransactionManager tm, BitSet kept, long nrBlocks) {
    super(tm, new MetadataLowLevel(tm));
    this.kept = (BitSet) kept.clone();
    this.keptCount = kept.get(0, (int) Math.min(nrBlocks, Integer.MAX_VALUE)).cardinality();
    tm.attach(this);
  }

  /**
   * Formats the map over a device of {@code nrBlocks} blocks (capped at the format's maximum);
   * block {@code superblock} and everything the map allocates for itself are counted as used.
   */
  public static MetadataSpaceMap create(TransactionManager tm, long nrBlocks, long superblock)
      throws IOException {
    return create(tm, nrBlocks, superblock, new BitSet());
  }

  /**
   * Formats the map as {@link #create(TransactionManager, long, long)} does, never handing out a
   * block of {@code kept} (which must not hold {@code superblock}).
   */
  public static MetadataSpaceMap create(
      TransactionManager tm, long nrBlocks, long superblock, BitSet kept) throws IOException {
    if (kept.get(Math.toIntExact(superblock))) {
      throw new IllegalArgumentException("the superblock " + superblock + " cannot be kept");
    }
    long blocks = Math.min(nrBlocks, MetadataIndexBlock.MAX_METADATA_BLOCKS);
    MetadataSpaceMap sm = new MetadataSpaceMap(tm, kept, blocks);
    sm.bootstrap = true;
    sm.begin = superblock + 1;
    sm.format(blocks);
    sm.bootstrap = false;
    for (long b = superblock; b < sm.begin; b++) {
      if (!sm.isKept(b)) {
        sm.queue(true, b);
      }
    }
    sm.recursion++;
    sm.out();
    sm.commit();
    return sm;
  }

  public static MetadataSpaceMap open(TransactionManager tm, SpaceMapRoot root) throws IOException {
    MetadataSpaceMap sm = new MetadataSpaceMap(tm, new BitSet(), 0);
    sm.load(root);
    return sm;
  }

  @Override
  public long nrFree() {
    long allocated =
        tm.bugs().has(PdataBug.FREE_METADATA_COUNT_STALE) ? 0 : allocatedThisTransaction;
    return committed.nrBlocks - committed.nrAllocated - allocated - keptCount;
  }

  private boolean isKept(long b) {
    return b < Integer.MAX_VALUE && kept.get((int) b);
  }

  private int adjustment(long b) {
    int adj = 0;
    for (BlockOp op : pending) {
      if (op.block == b) {
        adj += op.inc ? 1 : -1;
      }
    }
    return adj;
  }

  @Override
  public long count(long b) throws IOException {
    return ll.lookup(b) + adjustment(b);
  }

  @Override
  public boolean countIsMoreThanOne(long b) throws IOException {
    int adj = adjustment(b);
    if (adj > 1) {
      return true;
    }
    int small = ll.lookupBitmap(b);
    return small == BitmapBlock.OVERFLOW || small + adj > 1;
  }

  @Override
  public void setCount(long b, long count) throws IOException {
    if (recursion > 0) {
      throw new IllegalStateException("set_count cannot recurse into the metadata space map");
    }
    in();
    try {
      ll.insert(b, count);
    } finally {
      out();
    }
  }

  @Override
  public void inc(long b) throws IOException {
    change(true, b);
  }

  @Override
  public void dec(long b) throws IOException {
    change(false, b);
  }

  private void change(boolean inc, long b) throws IOException {
    if (recursion > 0) {
      queue(inc, b);
      return;
    }
    in();
    try {
      apply(inc, b);
    } finally {
      out();
    }
  }

  @Override
  public long newBlock() throws IOException {
    if (bootstrap) {
      while (isKept(begin)) {
        begin++;
      }
      if (begin >= ll.nrBlocks && ll.nrBlocks > 0) {
        throw new NoSpaceException(NoSpaceException.Space.METADATA);
      }
      return begin++;
    }
    long b = nextFree(x -> isKept(x) || adjustment(x) > 0);
    if (recursion > 0) {
      if (!tm.bugs().has(PdataBug.LOST_RECURSIVE_ALLOCATION)) {
        queue(true, b);
      }
    } else {
      in();
      try {
        apply(true, b);
      } finally {
        out();
      }
    }
    allocatedThisTransaction++;
    return b;
  }

  @Override
  public void extend(long extraBlocks) {
    throw new UnsupportedOperationException("growing the metadata device is not supported");
  }

  @Override
  public void commit() throws IOException {
    if (recursion > 0 || !pending.isEmpty()) {
      throw new IllegalStateException("metadata space map commit while recursing");
    }
    commitTransaction();
  }

  private void queue(boolean inc, long b) throws IOException {
    if (pending.size() >= MAX_RECURSIVE_OPS) {
      throw new CorruptMetadataException(
          b, "metadata space map", "more than " + MAX_RECURSIVE_OPS + " recursive operations", "");
    }
    pending.addLast(new BlockOp(inc, b));
  }

  private void apply(boolean inc, long b) throws IOException {
    if (inc) {
      ll.inc(b);
    } else {
      ll.dec(b);
    }
  }

  private void in() {
    recursion++;
  }

  /** Leaves a call; the outermost one drains the queue (which applying may refill). */
  private void out() throws IOException {
    try {
      if (recursion == 1) {
        boolean lifo = tm.bugs().has(PdataBug.LIFO_BLOCK_OPS);
        while (!pending.isEmpty()) {
          // The op stays queued while it is applied, so nested allocations still see its block
          // as taken.
          BlockOp op = lifo ? pending.peekLast() : pending.peekFirst();
          apply(op.inc, op.block);
          if (lifo) {
            pending.removeLastOccurrence(op);
          } else {
            pending.pollFirst();
          }
        }
      }
    } finally {
      recursion--;
    }
  }
}
