package io.powercut.pdata.block;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.PdataBug;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, caches, locks and writes 4096-byte metadata blocks over a {@link BlockDevice}, like the
 * kernel's dm-block-manager. Every block is validated when it enters the cache and stamped (block
 * number, checksum) when it leaves. Locks are assertions against misuse: a block is either
 * read-locked any number of times or write-locked once.
 */
public final class BlockManager {
  /** The metadata block size; fixed by the format. */
  public static final int BLOCK_SIZE = 4096;

  /** Default number of cached blocks (16 MiB). */
  public static final int DEFAULT_CACHE_BLOCKS = 4096;

  private final BlockDevice device;
  private final int capacity;
  private final LinkedHashMap<Long, Block> cache;
  private final long nrBlocks;
  private final Bugs bugs;

  public BlockManager(BlockDevice device) {
    this(device, DEFAULT_CACHE_BLOCKS, Bugs.NONE);
  }

  public BlockManager(BlockDevice device, int cacheBlocks, Bugs bugs) {
    if (device.blockSize() != BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "metadata device block size must be " + BLOCK_SIZE + ", got " + device.blockSize());
    }
    if (cacheBlocks < 16) {
      throw new IllegalArgumentException("cache must hold at least 16 blocks, got " + cacheBlocks);
    }
    this.device = device;
    this.capacity = cacheBlocks;
    // Small at first: a recovery reads a few dozen blocks, and the table grows as the cache fills.
    this.cache = new LinkedHashMap<>(Math.min(cacheBlocks, 32), 0.75f, true);
    this.nrBlocks = device.blockCount();
    this.bugs = bugs;
  }

  /** The seeded bugs switched on in this engine instance. */
  public Bugs bugs() {
    return bugs;
  }

  /** How many blocks the cache holds before it evicts. */
  public int capacity() {
    return capacity;
  }

  /** Number of blocks of the metadata device. */
  public long nrBlocks() {
    return nrBlocks;
  }

  /** The device underneath. */
  public BlockDevice device() {
    return device;
  }

  /** Read-locks a block, reading and validating it if it is not cached. */
  public synchronized Block read(long location, Validator v) throws IOException {
    Block b = lookup(location, v, true);
    if (b.writeLocked) {
      throw new IllegalStateException("block " + location + " is write-locked");
    }
    b.readLocks++;
    return b;
  }

  /**
   * Read-locks a block only if it is already cached and valid: the non-blocking path that must
   * neither wait nor issue IO. Returns null when the caller would block.
   */
  public synchronized Block tryRead(long location, Validator v) throws CorruptMetadataException {
    Block b = cache.get(location);
    if (b == null || b.writeLocked) {
      return null;
    }
    checkValidator(b, v);
    b.readLocks++;
    return b;
  }

  /** Write-locks a block, reading and validating it if it is not cached. */
  public synchronized Block write(long location, Validator v) throws IOException {
    Block b = lookup(location, v, true);
    lockForWrite(b);
    return b;
  }

  /** Write-locks a block whose old contents do not matter: it starts zeroed and is not read. */
  public synchronized Block writeZero(long location, Validator v) throws IOException {
    checkLocation(location);
    Block b = cache.get(location);
    if (b == null) {
      b = new Block(this, location, new byte[BLOCK_SIZE], v);
      cache.put(location, b);
      evictIfFull();
    } else {
      Arrays.fill(b.data, (byte) 0);
      b.validator = v;
    }
    lockForWrite(b);
    return b;
  }

  synchronized void unlock(Block b) {
    if (b.writeLocked) {
      b.writeLocked = false;
    } else if (b.readLocks > 0) {
      b.readLocks--;
    } else {
      throw new IllegalStateException("block " + b.location + " unlocked twice");
    }
  }

  /** Writes every dirty block, in ascending block order, then flushes the device cache. */
  public synchronized void flush() throws IOException {
    writeDirty();
    device.flush();
  }

  /** Writes every dirty block without flushing the device cache. */
  public synchronized void writeDirty() throws IOException {
    List<Block> dirty = new ArrayList<>();
    for (Block b : cache.values()) {
      if (b.dirty) {
        if (b.writeLocked) {
          throw new IllegalStateException(
              "block " + b.location + " is still write-locked at flush");
        }
        dirty.add(b);
      }
    }
    dirty.sort((x, y) -> Long.compare(x.location, y.location));
    for (Block b : dirty) {
      writeBack(b);
    }
  }

  /** Number of blocks still locked; zero between operations. */
  public synchronized int lockedBlocks() {
    int n = 0;
    for (Block b : cache.values()) {
      if (b.writeLocked || b.readLocks > 0) {
        n++;
      }
    }
    return n;
  }

  /** Drops every cached block, dirty ones included: used when a transaction is aborted. */
  public synchronized void invalidate() {
    for (Block b : cache.values()) {
      if (b.writeLocked || b.readLocks > 0) {
        throw new IllegalStateException("block " + b.location + " is locked during invalidate");
      }
    }
    cache.clear();
  }

  private Block lookup(long location, Validator v, boolean readIfMissing) throws IOException {
    checkLocation(location);
    Block b = cache.get(location);
    if (b != null) {
      checkValidator(b, v);
      return b;
    }
    byte[] data = new byte[BLOCK_SIZE];
    device.read(location, data);
    v.check(location, data);
    b = new Block(this, location, data, v);
    cache.put(location, b);
    evictIfFull();
    return b;
  }

  private void checkLocation(long location) throws CorruptMetadataException {
    if (location < 0 || location >= nrBlocks) {
      throw CorruptMetadataException.expected(
          location, "block number in range", "< " + nrBlocks, location, "");
    }
  }

  private static void checkValidator(Block b, Validator v) throws CorruptMetadataException {
    if (b.validator != v) {
      // One block used as two types: e.g. a btree child pointer that points at a bitmap.
      throw CorruptMetadataException.expected(
          b.location, "block type", v.name(), b.validator.name(), "");
    }
  }

  private void lockForWrite(Block b) {
    if (b.writeLocked || b.readLocks > 0) {
      throw new IllegalStateException("block " + b.location + " is already locked");
    }
    b.writeLocked = true;
    b.dirty = true;
  }

  private void writeBack(Block b) throws IOException {
    if (bugs.has(PdataBug.BLOCKNR_NOT_STAMPED) && b.validator instanceof StampedBlockValidator s) {
      Checksum.stamp(b.data, s.salt());
    } else {
      b.validator.prepareForWrite(b.location, b.data);
    }
    device.write(b.location, b.data);
    b.dirty = false;
  }

  private void evictIfFull() throws IOException {
    if (cache.size() <= capacity) {
      return;
    }
    Iterator<Map.Entry<Long, Block>> it = cache.entrySet().iterator();
    while (cache.size() > capacity && it.hasNext()) {
      Block b = it.next().getValue();
      if (b.writeLocked || b.readLocks > 0) {
        continue;
      }
      if (b.dirty) {
        writeBack(b);
      }
      it.remove();
    }
  }
}
