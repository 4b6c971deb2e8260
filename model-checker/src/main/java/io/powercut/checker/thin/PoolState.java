package io.powercut.checker.thin;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything about a dm-thin pool that a recovery must get exactly right: the pool-wide counters
 * and flags, every device with its details and mappings, whether a metadata snapshot is held, and
 * which data blocks are allocated but unmapped (leaked by the crash, as in-flight allocations are).
 */
public record PoolState(
    long transactionId,
    long time,
    long dataBlocks,
    long freeDataBlocks,
    boolean metadataSnapshot,
    boolean needsCheck,
    SortedMap<Long, Device> devices,
    SortedSet<Long> leakedDataBlocks) {

  public PoolState {
    devices = Collections.unmodifiableSortedMap(new TreeMap<>(devices));
    leakedDataBlocks = Collections.unmodifiableSortedSet(new TreeSet<>(leakedDataBlocks));
  }

  /**
   * A thin device: its details and its mappings (virtual block to {@link #mapping packed} data
   * block and time).
   */
  public record Device(
      long mappedBlocks,
      long transactionId,
      long creationTime,
      long snapshottedTime,
      Mappings mappings) {
    public Device {
      Objects.requireNonNull(mappings);
    }
  }

  /** Packs a mapping's data block and time into one comparable value. */
  public static long mapping(long dataBlock, long time) {
    return dataBlock << 24 | (time & 0xFFFFFF);
  }

  public static String describeMapping(long packed) {
    return "data block " + (packed >>> 24) + " time " + (packed & 0xFFFFFF);
  }
}
