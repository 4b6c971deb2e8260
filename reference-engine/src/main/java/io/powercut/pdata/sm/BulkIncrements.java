package io.powercut.pdata.sm;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * Adds many references to a data space map in one transaction, as a restore does. A single {@link
 * DiskSpaceMap#inc} looks its bitmap up in the index tree and saves the index entry back, shadowing
 * the tree's path, every time; here each bitmap is shadowed once, its counts are changed in place,
 * and each touched bitmap's index entry is saved once, by {@link #finish}. Counts of 3 and more go
 * to the ref-count tree as usual. Until {@link #finish}, the map's index is stale: nothing else may
 * use the map. The shadows stay write-locked in the cache while counting (finding a block in the
 * cache costs more than changing its count), up to a quarter of the cache; the others are looked up
 * each time. Memory is two words per bitmap of the map.
 */
public final class BulkIncrements {
  private final TransactionManager tm;
  private final LowLevelSpaceMap ll;

  /** Where each bitmap's shadow is, or 0 while the bitmap is untouched. */
  private final int[] shadows;

  /** The shadows kept write-locked, by bitmap; at most {@link #maxHeld}. */
  private final Block[] held;

  private final int maxHeld;
  private int nrHeld;

  private boolean finished;

  BulkIncrements(TransactionManager tm, LowLevelSpaceMap ll) {
    long bitmaps = LowLevelSpaceMap.bitmapsFor(ll.nrBlocks);
    // Each bitmap is a metadata block, and the metadata device has fewer than 2^31.
    if (bitmaps > MetadataIndexBlock.MAX_METADATA_BLOCKS) {
      throw new IllegalArgumentException("more bitmaps than metadata blocks: " + bitmaps);
    }
    this.tm = tm;
    this.ll = ll;
    this.shadows = new int[(int) bitmaps];
    this.held = new Block[(int) bitmaps];
    this.maxHeld = tm.blockManager().capacity() / 4;
  }

  /** Adds one reference to block {@code b}. */
  public void inc(long b) throws IOException {
    if (finished) {
      throw new IllegalStateException("bulk increments already finished");
    }
    ll.checkBlock(b);
    int index = (int) (b / BitmapBlock.ENTRIES_PER_BLOCK);
    int entry = (int) (b % BitmapBlock.ENTRIES_PER_BLOCK);
    if (shadows[index] == 0) {
      shadowBitmap(index);
    }
    Block bitmap = held[index];
    int old;
    if (bitmap != null) {
      old = count(bitmap.data(), entry);
    } else {
      // The shadow is this transaction's own, unshared block: written in place, as tm.shadow
      // would.
      try (Block looked = tm.blockManager().write(shadows[index], BitmapBlock.VALIDATOR)) {
        old = count(looked.data(), entry);
      }
    }
    if (old == 0) {
      ll.nrAllocated++;
    } else if (old == BitmapBlock.OVERFLOW - 1) {
      saveOverflow(b, BitmapBlock.OVERFLOW);
    } else if (old == BitmapBlock.OVERFLOW) {
      saveOverflow(b, ll.lookupOverflow(b) + 1);
    }
  }

  /** Adds one to an entry's 2-bit count (3 means "see the ref-count tree"); returns the old. */
  private static int count(byte[] bitmap, int entry) {
    int old = BitmapBlock.get(bitmap, entry);
    if (old < BitmapBlock.OVERFLOW) {
      BitmapBlock.set(bitmap, entry, old + 1);
    }
    return old;
  }

  private void shadowBitmap(int index) throws IOException {
    IndexEntry ie = ll.loadIndex(index);
    Block bitmap = tm.shadow(ie.blocknr(), BitmapBlock.VALIDATOR).block();
    shadows[index] = (int) bitmap.location();
    if (nrHeld < maxHeld) {
      held[index] = bitmap;
      nrHeld++;
    } else {
      bitmap.close();
    }
  }

  private void saveOverflow(long b, long count) throws IOException {
    if (count > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("ref count " + count + " out of range");
    }
    byte[] v = new byte[LowLevelSpaceMap.REF_COUNT_SIZE];
    Le.putU32(v, 0, count);
    ll.refCountRoot = ll.refCounts.insert(ll.refCountRoot, new long[] {b}, v).root();
  }

  /** Saves the index entry of every touched bitmap: where it now is, and its free count. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    for (int index = 0; index < shadows.length; index++) {
      if (shadows[index] == 0) {
        continue;
      }
      if (held[index] != null) {
        held[index].close();
        held[index] = null;
      }
      try (Block bitmap = tm.read(shadows[index], BitmapBlock.VALIDATOR)) {
        byte[] d = bitmap.data();
        int firstFree = BitmapBlock.findFree(d, 0, BitmapBlock.ENTRIES_PER_BLOCK);
        ll.saveIndex(
            index,
            new IndexEntry(
                shadows[index],
                BitmapBlock.countFree(d),
                firstFree < 0 ? BitmapBlock.ENTRIES_PER_BLOCK : firstFree));
      }
    }
  }
}
