package io.powercut.pdata.tm;

import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Validator;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Copy-on-write transactions over the block manager, like the kernel's dm-transaction-manager. A
 * block reachable from the committed superblock is never written: changing it means *shadowing* it
 * (copying it to a newly allocated block, once per transaction). Commit writes every dirty block,
 * flushes, and only then writes the superblock and flushes again; the order is what crash
 * consistency rests on.
 */
public final class TransactionManager {
  private final BlockManager bm;
  private final Bugs bugs;
  private BlockAllocator sm;
  private final Set<Long> shadows = new HashSet<>();

  public TransactionManager(BlockManager bm) {
    this.bm = bm;
    this.bugs = bm.bugs();
  }

  public Bugs bugs() {
    return bugs;
  }

  /**
   * Sets the metadata space map. The map is built on top of this transaction manager, so it is
   * attached after construction.
   */
  public void attach(BlockAllocator metadataSpaceMap) {
    this.sm = metadataSpaceMap;
  }

  public BlockManager blockManager() {
    return bm;
  }

  public BlockAllocator spaceMap() {
    return sm;
  }

  public Block read(long b, Validator v) throws IOException {
    return bm.read(b, v);
  }

  /** The non-blocking read: null if the block is not in memory. */
  public Block tryRead(long b, Validator v) throws IOException {
    return bm.tryRead(b, v);
  }

  /** Allocates a block, zeroed and write-locked. */
  public Block newBlock(Validator v) throws IOException {
    long b = sm.newBlock();
    Block block = bm.writeZero(b, v);
    shadows.add(b);
    return block;
  }

  /**
   * Makes {@code orig} writable in this transaction. A block already shadowed in this transaction
   * and not shared is changed in place; otherwise it is copied to a new block and {@code orig}
   * loses one reference. If {@code orig} was shared, the copy's children gain a reference (the
   * caller must inc them, {@link Shadow#incChildren()}), because {@code orig} still points at them.
   */
  public Shadow shadow(long orig, Validator v) throws IOException {
    boolean shared = sm.countIsMoreThanOne(orig);
    if (shadows.contains(orig) && (!shared || bugs.has(PdataBug.SHADOW_SHARED_IN_PLACE))) {
      return new Shadow(bm.write(orig, v), false);
    }
    long copy = sm.newBlock();
    sm.dec(orig);
    if (bugs.has(PdataBug.DEC_BEFORE_SHARED_CHECK)) {
      // Asked after the reference is gone: a block with exactly two parents looks private.
      shared = sm.countIsMoreThanOne(orig);
    }
    try (Block from = bm.read(orig, v)) {
      Block to = bm.writeZero(copy, v);
      System.arraycopy(from.data(), 0, to.data(), 0, BlockManager.BLOCK_SIZE);
      shadows.add(copy);
      return new Shadow(to, shared);
    }
  }

  /** Whether the block was created or copied in this transaction. */
  public boolean isShadow(long b) {
    return shadows.contains(b);
  }

  public void inc(long b) throws IOException {
    sm.inc(b);
  }

  public void dec(long b) throws IOException {
    sm.dec(b);
  }

  public long refCount(long b) throws IOException {
    return sm.count(b);
  }

  /**
   * First half of a commit: commits the metadata space map, writes every dirty block and flushes
   * the device. After this, everything the new superblock will point at is durable.
   */
  public void preCommit() throws IOException {
    sm.commit();
    if (bugs.has(PdataBug.SUPERBLOCK_BEFORE_FLUSH)) {
      bm.writeDirty();
    } else {
      bm.flush();
    }
  }

  /**
   * Second half: writes the (already updated, write-locked) superblock and makes it durable. The
   * superblock is released here.
   */
  public void commit(Block superblock) throws IOException {
    superblock.close();
    if (bugs.has(PdataBug.SUPERBLOCK_NOT_FLUSHED)) {
      bm.writeDirty();
    } else {
      bm.flush();
    }
    shadows.clear();
  }

  /** Forgets this transaction's shadows: used after an abort, with the cache invalidated. */
  public void reset() {
    shadows.clear();
  }
}
