package io.powercut.pdata.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import org.junit.jupiter.api.Test;

/** Offsets of the index entry, metadata index block and space-map root (FORMAT.md §2, §4). */
class LayoutTest {
  @Test
  void indexEntryLayout() {
    byte[] b = new IndexEntry(0x1122334455L, 16000, 77).toBytes();
    assertEquals(16, b.length);
    assertEquals(0x1122334455L, Le.u64(b, 0));
    assertEquals(16000, Le.u32(b, 8));
    assertEquals(77, Le.u32(b, 12));
    assertEquals(new IndexEntry(0x1122334455L, 16000, 77), IndexEntry.read(b, 0));
    assertEquals(new IndexEntry(9, 16000, 77), IndexEntry.read(b, 0).withBlocknr(9));
  }

  @Test
  void metadataIndexBlockHoldsExactly255Entries() {
    assertEquals(16, MetadataIndexBlock.entryOffset(0));
    assertEquals(BlockManager.BLOCK_SIZE, MetadataIndexBlock.entryOffset(255));
    assertEquals(255L * 16320, MetadataIndexBlock.MAX_METADATA_BLOCKS);
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    new IndexEntry(5, 6, 7).write(d, MetadataIndexBlock.entryOffset(254));
    assertEquals(new IndexEntry(5, 6, 7), MetadataIndexBlock.entry(d, 254));
  }

  @Test
  void spaceMapRootWritesThirtyTwoBytesAndZeroesTheRestOfItsArea() {
    byte[] d = new byte[300];
    java.util.Arrays.fill(d, (byte) 0x7f);
    new SpaceMapRoot(1, 2, 3, 4).write(d, 10);
    assertEquals(1, Le.u64(d, 10));
    assertEquals(2, Le.u64(d, 18));
    assertEquals(3, Le.u64(d, 26));
    assertEquals(4, Le.u64(d, 34));
    for (int i = 42; i < 10 + SpaceMapRoot.AREA_SIZE; i++) {
      assertEquals(0, d[i], "byte " + i);
    }
    assertEquals(0x7f, d[10 + SpaceMapRoot.AREA_SIZE]);
    assertEquals(0x7f, d[9]);
    assertEquals(new SpaceMapRoot(1, 2, 3, 4), SpaceMapRoot.read(d, 10));
  }
}
