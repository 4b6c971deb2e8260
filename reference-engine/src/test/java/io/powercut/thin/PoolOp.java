package io.powercut.thin;

import io.powercut.property.Gen;
import io.powercut.property.Gens;

/**
 * One step of a pool workload. Parameters are raw draws; {@link PoolHarness} interprets them
 * against the model's state (a {@code target} picks an existing device, or one that does not
 * exist), so any sublist of a workload is still a workload and ddmin can shrink it.
 */
sealed interface PoolOp {
  record CreateThin(long dev) implements PoolOp {}

  record CreateSnapshot(long dev, int origin) implements PoolOp {}

  record Delete(int target) implements PoolOp {}

  /** Allocates a data block and maps it (a new mapping or an overwrite). */
  record Map(int target, long vblock) implements PoolOp {}

  record MapRun(int target, long start, int count) implements PoolOp {}

  /** An insert that must be refused: 0 an unallocated data block, 1 one past the end. */
  record BadInsert(int target, int kind) implements PoolOp {}

  record Remove(int target, long vblock) implements PoolOp {}

  record RemoveRun(int target, long start, int count) implements PoolOp {}

  record SetTransactionId(boolean valid, long next) implements PoolOp {}

  record Reserve() implements PoolOp {}

  record Release() implements PoolOp {}

  /** Grows (or, with a negative amount, tries to shrink) the data device. */
  record Resize(long by) implements PoolOp {}

  record Commit() implements PoolOp {}

  record Abort() implements PoolOp {}

  /** Clean close, then open again. */
  record Reopen() implements PoolOp {}

  /** Drops the pool without closing it and opens the device again, as after a power cut. */
  record Crash() implements PoolOp {}

  /** What a workload draws from. */
  record Shape(int devIds, long vblocks, int maxRun, long maxGrow) {}

  static Gen<PoolOp> gen(Shape s) {
    Gen<Integer> target = Gens.ints(0, 1000);
    Gen<Long> dev = Gens.longs(0, s.devIds() - 1);
    Gen<Long> vblock = Gens.longs(0, s.vblocks() - 1);
    Gen<Integer> run = Gens.ints(1, s.maxRun());
    return Gens.<PoolOp>weighted()
        .add(
            5,
            r -> new CreateThin(r.nextInt(40) == 0 ? PoolMetadata.MAX_DEVICE_ID + 1 : dev.next(r)))
        .add(4, r -> new CreateSnapshot(dev.next(r), target.next(r)))
        .add(1, r -> new Delete(target.next(r)))
        .add(30, r -> new Map(target.next(r), vblock.next(r)))
        .add(8, r -> new MapRun(target.next(r), vblock.next(r), run.next(r)))
        .add(2, r -> new BadInsert(target.next(r), r.nextInt(2)))
        .add(10, r -> new Remove(target.next(r), vblock.next(r)))
        .add(4, r -> new RemoveRun(target.next(r), vblock.next(r), run.next(r)))
        .add(2, r -> new SetTransactionId(r.nextInt(4) != 0, r.nextLong(1000)))
        .add(1, new Reserve())
        .add(1, new Release())
        .add(
            2,
            r -> new Resize(r.nextInt(5) == 0 ? -1 - r.nextLong(10) : r.nextLong(s.maxGrow() + 1)))
        .add(6, new Commit())
        .add(1, new Abort())
        .add(1, new Reopen())
        .add(1, new Crash())
        .build();
  }
}
