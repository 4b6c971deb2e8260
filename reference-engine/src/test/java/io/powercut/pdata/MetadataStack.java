package io.powercut.pdata;

import io.powercut.device.BlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.StampedBlockValidator;
import io.powercut.pdata.sm.MetadataSpaceMap;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * A block manager, transaction manager and metadata space map over a metadata device, for testing
 * the layers below the pool. Block 0 holds a test superblock that records the metadata space-map
 * root and a few named roots, so a committed stack can be reopened.
 */
public final class MetadataStack {
  /** The test superblock's own type, so it never passes for a real block. */
  public static final StampedBlockValidator SUPERBLOCK =
      new StampedBlockValidator("test superblock", 0x5eed);

  private static final int SM_ROOT = 16;
  private static final int ROOTS = SM_ROOT + SpaceMapRoot.AREA_SIZE;

  /** How many roots the test superblock keeps. */
  public static final int MAX_ROOTS = (BlockManager.BLOCK_SIZE - ROOTS) / 8;

  public final BlockDevice device;
  public final BlockManager bm;
  public final TransactionManager tm;
  public final MetadataSpaceMap sm;
  private boolean committedOnce;

  private MetadataStack(BlockDevice device, BlockManager bm, TransactionManager tm, boolean open)
      throws IOException {
    this.device = device;
    this.bm = bm;
    this.tm = tm;
    if (open) {
      SpaceMapRoot root;
      try (Block b = bm.read(0, SUPERBLOCK)) {
        root = SpaceMapRoot.read(b.data(), SM_ROOT);
      }
      this.sm = MetadataSpaceMap.open(tm, root);
      this.committedOnce = true;
    } else {
      this.sm = MetadataSpaceMap.create(tm, device.blockCount(), 0);
    }
  }

  /** A fresh stack over a zeroed memory device of {@code nrBlocks} blocks. */
  public static MetadataStack create(long nrBlocks) throws IOException {
    return create(new MemoryBlockDevice(nrBlocks), BlockManager.DEFAULT_CACHE_BLOCKS, Bugs.NONE);
  }

  public static MetadataStack create(BlockDevice device, int cacheBlocks, Bugs bugs)
      throws IOException {
    BlockManager bm = new BlockManager(device, cacheBlocks, bugs);
    return new MetadataStack(device, bm, new TransactionManager(bm), false);
  }

  /** Opens the stack last committed on {@code device}. */
  public static MetadataStack open(BlockDevice device, int cacheBlocks, Bugs bugs)
      throws IOException {
    BlockManager bm = new BlockManager(device, cacheBlocks, bugs);
    return new MetadataStack(device, bm, new TransactionManager(bm), true);
  }

  /** Commits the transaction, recording {@code roots} in the test superblock. */
  public void commit(long... roots) throws IOException {
    if (roots.length > MAX_ROOTS) {
      throw new IllegalArgumentException("at most " + MAX_ROOTS + " roots");
    }
    tm.preCommit();
    Block sb = committedOnce ? bm.write(0, SUPERBLOCK) : bm.writeZero(0, SUPERBLOCK);
    sm.root().write(sb.data(), SM_ROOT);
    Le.putU64(sb.data(), ROOTS - 8, roots.length);
    for (int i = 0; i < roots.length; i++) {
      Le.putU64(sb.data(), ROOTS + 8 * i, roots[i]);
    }
    tm.commit(sb);
    committedOnce = true;
  }

  /** The roots recorded by the last commit. */
  public long[] committedRoots() throws IOException {
    try (Block b = bm.read(0, SUPERBLOCK)) {
      long[] roots = new long[(int) Le.u64(b.data(), ROOTS - 8)];
      for (int i = 0; i < roots.length; i++) {
        roots[i] = Le.u64(b.data(), ROOTS + 8 * i);
      }
      return roots;
    }
  }

  /** The metadata space-map root recorded by the last commit. */
  public SpaceMapRoot committedSpaceMapRoot() throws IOException {
    try (Block b = bm.read(0, SUPERBLOCK)) {
      return SpaceMapRoot.read(b.data(), SM_ROOT);
    }
  }
}
