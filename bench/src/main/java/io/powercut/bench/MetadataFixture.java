package io.powercut.bench;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.StampedBlockValidator;
import io.powercut.pdata.sm.DiskSpaceMap;
import io.powercut.pdata.sm.MetadataSpaceMap;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * The engine's lower layers over a memory device: block manager, transaction manager, metadata and
 * data space maps. A superblock of the benchmarks' own at block 0 records both space maps' roots,
 * so the device can be reopened at its last commit: every block is then shared with that commit,
 * which is what makes a change shadow it.
 */
final class MetadataFixture {
  private static final StampedBlockValidator SUPERBLOCK =
      new StampedBlockValidator("bench superblock", 0xbe7c);
  private static final int METADATA_ROOT = 16;
  private static final int DATA_ROOT = METADATA_ROOT + SpaceMapRoot.AREA_SIZE;

  /** Enough cache that nothing is evicted: the benchmarks measure the engine, not the device. */
  private static final int CACHE_BLOCKS = 1 << 16;

  final MemoryBlockDevice device;
  final BlockManager bm;
  final TransactionManager tm;
  final MetadataSpaceMap metadataSm;
  final DiskSpaceMap dataSm;
  private boolean committedOnce;

  private MetadataFixture(MemoryBlockDevice device, boolean open, long dataBlocks)
      throws IOException {
    this.device = device;
    this.bm = new BlockManager(device, CACHE_BLOCKS, Bugs.NONE);
    this.tm = new TransactionManager(bm);
    if (open) {
      SpaceMapRoot metadataRoot;
      SpaceMapRoot dataRoot;
      try (Block b = bm.read(0, SUPERBLOCK)) {
        metadataRoot = SpaceMapRoot.read(b.data(), METADATA_ROOT);
        dataRoot = SpaceMapRoot.read(b.data(), DATA_ROOT);
      }
      this.metadataSm = MetadataSpaceMap.open(tm, metadataRoot);
      this.dataSm = DiskSpaceMap.open(tm, dataRoot);
      this.committedOnce = true;
    } else {
      this.metadataSm = MetadataSpaceMap.create(tm, device.blockCount(), 0);
      this.dataSm = DiskSpaceMap.create(tm, dataBlocks);
    }
  }

  /** A new pool of {@code metadataBlocks} metadata blocks and {@code dataBlocks} data blocks. */
  static MetadataFixture create(long metadataBlocks, long dataBlocks) throws IOException {
    return new MetadataFixture(new MemoryBlockDevice(metadataBlocks), false, dataBlocks);
  }

  /** Opens the last commit of {@code device} (which is not changed until the next commit). */
  static MetadataFixture open(MemoryBlockDevice device) throws IOException {
    return new MetadataFixture(device, true, 0);
  }

  /** Commits: writes every dirty block, then the superblock. */
  void commit() throws IOException {
    dataSm.commit();
    tm.preCommit();
    Block sb = committedOnce ? bm.write(0, SUPERBLOCK) : bm.writeZero(0, SUPERBLOCK);
    metadataSm.root().write(sb.data(), METADATA_ROOT);
    dataSm.root().write(sb.data(), DATA_ROOT);
    tm.commit(sb);
    committedOnce = true;
  }
}
