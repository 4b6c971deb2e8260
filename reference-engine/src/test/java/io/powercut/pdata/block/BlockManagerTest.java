package io.powercut.pdata.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.FaultyDevice;
import io.powercut.device.IoLog;
import io.powercut.device.IoOp;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockManagerTest {
  static final StampedBlockValidator V = BitmapBlock.VALIDATOR;
  static final int CACHE = 16;

  FaultyDevice device;
  BlockManager bm;

  @BeforeEach
  void setUp() {
    device = new FaultyDevice(new MemoryBlockDevice(256));
    bm = new BlockManager(device, CACHE, Bugs.NONE);
  }

  /** Writes {@code b} with a marker byte through the manager and releases it. */
  void put(long b, int marker) throws IOException {
    try (Block block = bm.writeZero(b, V)) {
      block.data()[100] = (byte) marker;
    }
  }

  List<Long> writesInLog() {
    IoLog log = device.log();
    List<Long> blocks = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      if (log.isWrite(i)) {
        blocks.add(log.block(i));
      }
    }
    return blocks;
  }

  @Test
  void rejectsWrongBlockSizeAndTinyCache() {
    assertThrows(
        IllegalArgumentException.class, () -> new BlockManager(new MemoryBlockDevice(512, 8)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BlockManager(new MemoryBlockDevice(8), 15, Bugs.NONE));
  }

  @Test
  void flushWritesDirtyBlocksInAscendingOrderThenFlushes() throws IOException {
    put(9, 1);
    put(3, 2);
    put(5, 3);
    assertEquals(List.of(), writesInLog(), "nothing written before the flush");
    bm.flush();
    assertEquals(List.of(3L, 5L, 9L), writesInLog());
    IoLog log = device.log();
    assertEquals(IoLog.Kind.FLUSH, log.kind(log.size() - 1));
    bm.flush();
    assertEquals(3, writesInLog().size(), "clean blocks are not written again");
  }

  @Test
  void writeDirtyDoesNotFlushTheDeviceCache() throws IOException {
    put(4, 1);
    bm.writeDirty();
    assertEquals(List.of(4L), writesInLog());
    assertEquals(0, device.operations(IoOp.FLUSH));
    assertEquals(1, device.unflushedWrites());
  }

  @Test
  void blocksAreStampedWhenWritten() throws IOException {
    put(7, 42);
    bm.flush();
    byte[] raw = new byte[BlockManager.BLOCK_SIZE];
    device.read(7, raw);
    assertEquals(7, Le.u64(raw, StampedBlockValidator.BLOCKNR_OFFSET));
    assertEquals(Checksum.compute(raw, BitmapBlock.CHECKSUM_SALT), Checksum.stored(raw));
    assertEquals(42, raw[100]);
  }

  @Test
  void theCacheIsBoundedAndEvictionWritesDirtyBlocksBack() throws IOException {
    for (int b = 0; b < 3 * CACHE; b++) {
      put(b, b + 1);
    }
    List<Long> written = writesInLog();
    assertTrue(written.size() >= 2 * CACHE, "evicted dirty blocks were written: " + written.size());
    assertEquals(written.size(), written.stream().distinct().count(), "each written once");
    assertEquals(0, device.operations(IoOp.FLUSH), "eviction does not flush");
    long readsBefore = device.operations(IoOp.READ);
    for (int b = 0; b < 3 * CACHE; b++) {
      try (Block block = bm.read(b, V)) {
        assertEquals(b + 1, block.data()[100], "block " + b + " survives eviction");
      }
    }
    assertTrue(
        device.operations(IoOp.READ) - readsBefore >= 2 * CACHE,
        "evicted blocks are read back from the device");
  }

  @Test
  void lockedBlocksAreNeverEvicted() throws IOException {
    Block held = bm.writeZero(200, V);
    held.data()[100] = 9;
    for (int b = 0; b < 3 * CACHE; b++) {
      put(b, 1);
    }
    assertTrue(!writesInLog().contains(200L), "a write-locked block is not written back");
    held.data()[101] = 10;
    held.close();
    bm.flush();
    byte[] raw = new byte[BlockManager.BLOCK_SIZE];
    device.read(200, raw);
    assertEquals(9, raw[100]);
    assertEquals(10, raw[101]);
  }

  @Test
  void lockMisuseIsCaught() throws IOException {
    put(1, 1);
    Block w = bm.write(1, V);
    assertTrue(w.isWriteLocked());
    assertThrows(IllegalStateException.class, () -> bm.write(1, V), "second write lock");
    assertThrows(IllegalStateException.class, () -> bm.read(1, V), "read while write-locked");
    assertThrows(IllegalStateException.class, () -> bm.flush(), "flush while write-locked");
    assertThrows(IllegalStateException.class, () -> bm.invalidate(), "invalidate while locked");
    assertEquals(1, bm.lockedBlocks());
    w.close();
    Block r1 = bm.read(1, V);
    Block r2 = bm.read(1, V);
    assertThrows(IllegalStateException.class, () -> bm.write(1, V), "write while read-locked");
    assertThrows(IllegalStateException.class, () -> bm.writeZero(1, V), "zero while read-locked");
    r1.close();
    r2.close();
    assertThrows(IllegalStateException.class, r2::close, "unlocked twice");
    assertEquals(0, bm.lockedBlocks());
  }

  @Test
  void aBlockReadAsAnotherTypeIsCorruption() throws IOException {
    put(2, 1);
    CorruptMetadataException e =
        assertThrows(CorruptMetadataException.class, () -> bm.read(2, BTreeNode.VALIDATOR));
    assertEquals(2, e.block());
    assertEquals("block type", e.rule());
    assertTrue(e.getMessage().contains("btree node"), e.getMessage());
    assertThrows(CorruptMetadataException.class, () -> bm.tryRead(2, BTreeNode.VALIDATOR));
  }

  @Test
  void aBadBlockOnDiskIsCorruptionNamingIt() throws IOException {
    byte[] junk = new byte[BlockManager.BLOCK_SIZE];
    junk[50] = 1;
    device.write(6, junk);
    CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> bm.read(6, V));
    assertEquals(6, e.block());
    assertEquals("space map bitmap block number", e.rule());
  }

  @Test
  void aBlockNumberOutOfRangeIsCorruption() {
    CorruptMetadataException e =
        assertThrows(CorruptMetadataException.class, () -> bm.read(256, V));
    assertEquals("block number in range", e.rule());
    assertThrows(CorruptMetadataException.class, () -> bm.write(-1, V));
    assertThrows(CorruptMetadataException.class, () -> bm.writeZero(1L << 40, V));
  }

  @Test
  void tryReadNeverDoesIo() throws IOException {
    put(3, 5);
    bm.flush();
    long reads = device.operations(IoOp.READ);
    assertNull(bm.tryRead(4, V), "not cached");
    try (Block b = bm.tryRead(3, V)) {
      assertNotNull(b);
      assertEquals(5, b.data()[100]);
    }
    try (Block w = bm.write(3, V)) {
      assertNull(bm.tryRead(3, V), "write-locked");
    }
    assertEquals(reads, device.operations(IoOp.READ));
  }

  @Test
  void invalidateDropsDirtyBlocks() throws IOException {
    put(8, 1);
    bm.flush();
    try (Block b = bm.write(8, V)) {
      b.data()[100] = 2;
    }
    bm.invalidate();
    try (Block b = bm.read(8, V)) {
      assertEquals(1, b.data()[100], "the unflushed change is gone");
    }
  }

  @Test
  void writeZeroOfACachedBlockZeroesItAndRetypesIt() throws IOException {
    put(8, 7);
    try (Block b = bm.writeZero(8, BTreeNode.VALIDATOR)) {
      assertArrayEquals(new byte[BlockManager.BLOCK_SIZE], b.data());
    }
    assertThrows(CorruptMetadataException.class, () -> bm.read(8, V));
  }

  @Test
  void seededBlocknrNotStampedWritesTheChecksumOnly() throws IOException {
    BlockManager buggy = new BlockManager(device, CACHE, Bugs.of(PdataBug.BLOCKNR_NOT_STAMPED));
    try (Block b = buggy.writeZero(11, V)) {
      b.data()[100] = 1;
    }
    buggy.flush();
    byte[] raw = new byte[BlockManager.BLOCK_SIZE];
    device.read(11, raw);
    assertEquals(0, Le.u64(raw, StampedBlockValidator.BLOCKNR_OFFSET));
    assertEquals(Checksum.compute(raw, BitmapBlock.CHECKSUM_SALT), Checksum.stored(raw));
    CorruptMetadataException e =
        assertThrows(
            CorruptMetadataException.class,
            () -> new BlockManager(device, CACHE, Bugs.NONE).read(11, V));
    assertEquals("space map bitmap block number", e.rule());
    // The correct engine stamps it.
    put(11, 1);
    bm.flush();
    device.read(11, raw);
    assertEquals(11, Le.u64(raw, StampedBlockValidator.BLOCKNR_OFFSET));
  }
}
