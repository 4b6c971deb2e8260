package io.powercut.pdata.block;

/**
 * A locked, validated metadata block in the {@link BlockManager}'s cache. Close it to release the
 * lock. A write-locked block becomes dirty and reaches the device at the next flush (or earlier, if
 * the cache must evict it: it is then a shadow that no committed root can reach yet).
 */
public final class Block implements AutoCloseable {
  final BlockManager owner;
  final long location;
  final byte[] data;
  Validator validator;
  boolean dirty;
  int readLocks;
  boolean writeLocked;

  Block(BlockManager owner, long location, byte[] data, Validator validator) {
    this.owner = owner;
    this.location = location;
    this.data = data;
    this.validator = validator;
  }

  /** The block number on the metadata device. */
  public long location() {
    return location;
  }

  /** The block's bytes; writable only while write-locked. */
  public byte[] data() {
    return data;
  }

  /** Whether the caller holds the write lock. */
  public boolean isWriteLocked() {
    return writeLocked;
  }

  @Override
  public void close() {
    owner.unlock(this);
  }
}
