package io.powercut.pdata.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.MetadataStack;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * References added in bulk land exactly as single increments would: the committed bitmaps, index
 * entries (nr_free, none_free_before), overflow tree and nr_allocated decode to the model's counts.
 */
class BulkIncrementsTest {
  /** A map of three bitmaps, the last one partial. */
  private static final long BLOCKS = 2 * BitmapBlock.ENTRIES_PER_BLOCK + 7000;

  private static DiskSpaceMapTest map() throws IOException {
    DiskSpaceMapTest t = new DiskSpaceMapTest();
    t.setUp();
    t.create(BLOCKS);
    return t;
  }

  @PropertyTest(seeds = 20)
  void bulkCountsMatchTheModel(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    DiskSpaceMapTest t = map();
    Map<Long, Long> model = new HashMap<>();
    // Some counts from single increments and a commit first: bulk adds to what is there.
    for (int i = 0; i < 200; i++) {
      long b = r.nextLong(BLOCKS);
      t.sm.inc(b);
      model.merge(b, 1L, Long::sum);
    }
    t.commitAndCheck(model);
    BulkIncrements bulk = t.sm.bulkIncrements();
    int n = r.nextInt(20_000);
    for (int i = 0; i < n; i++) {
      // Small ranges repeat blocks, so counts reach the overflow tree.
      long b = r.nextBoolean() ? r.nextLong(BLOCKS) : r.nextLong(50);
      bulk.inc(b);
      model.merge(b, 1L, Long::sum);
    }
    bulk.finish();
    t.commitAndCheck(model);
    // The map works as before: single changes on top of bulk ones.
    long b = t.sm.newBlock();
    model.merge(b, 1L, Long::sum);
    t.sm.dec(7);
    t.sm.inc(7);
    t.commitAndCheck(model);
  }

  /**
   * With a small cache most bitmaps cannot stay locked while counting (a quarter of the cache may):
   * they are looked up each time, and evicted and read back in between.
   */
  @Test
  void bitmapsBeyondTheLockedQuarterOfTheCacheCountToo() throws IOException {
    DiskSpaceMapTest t = new DiskSpaceMapTest();
    t.stack = MetadataStack.create(new MemoryBlockDevice(4096), 16, Bugs.NONE);
    t.create(12 * BitmapBlock.ENTRIES_PER_BLOCK);
    SplittableRandom r = new SplittableRandom(6);
    Map<Long, Long> model = new HashMap<>();
    BulkIncrements bulk = t.sm.bulkIncrements();
    for (int i = 0; i < 30_000; i++) {
      long b = r.nextLong(t.sm.nrBlocks());
      bulk.inc(b);
      model.merge(b, 1L, Long::sum);
    }
    bulk.finish();
    t.commitAndCheck(model);
  }

  @Test
  void everyEntryOfABitmapCanFill() throws IOException {
    DiskSpaceMapTest t = map();
    BulkIncrements bulk = t.sm.bulkIncrements();
    Map<Long, Long> model = new HashMap<>();
    for (long b = BitmapBlock.ENTRIES_PER_BLOCK; b < 2 * BitmapBlock.ENTRIES_PER_BLOCK; b++) {
      bulk.inc(b);
      model.put(b, 1L);
    }
    bulk.finish();
    t.commitAndCheck(model);
    assertEquals(BLOCKS - BitmapBlock.ENTRIES_PER_BLOCK, t.sm.nrFree());
  }

  @Test
  void aBlockBeyondTheMapIsCorruption() throws IOException {
    BulkIncrements bulk = map().sm.bulkIncrements();
    assertThrows(CorruptMetadataException.class, () -> bulk.inc(BLOCKS));
    assertThrows(CorruptMetadataException.class, () -> bulk.inc(-1));
  }

  @Test
  void nothingIsCountedAfterFinish() throws IOException {
    DiskSpaceMapTest t = map();
    BulkIncrements bulk = t.sm.bulkIncrements();
    bulk.inc(3);
    bulk.finish();
    bulk.finish(); // a second finish changes nothing
    assertThrows(IllegalStateException.class, () -> bulk.inc(4));
    t.commitAndCheck(Map.of(3L, 1L));
  }
}
