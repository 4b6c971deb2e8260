package io.powercut.checker.thin;

/**
 * Operations of a dm-thin pool workload, as the pool target issues them: device management,
 * provisioning writes (allocate a data block and map it), discards, lookups and transactions.
 */
public sealed interface ThinOp {
  record CreateThin(long dev) implements ThinOp {}

  record CreateSnap(long dev, long origin) implements ThinOp {}

  record Delete(long dev) implements ThinOp {}

  /** Maps {@code vblock} to a newly allocated (or previously {@link Alloc}ated) data block. */
  record Write(long dev, long vblock) implements ThinOp {}

  record Remove(long dev, long vblock) implements ThinOp {}

  /** Allocates a data block now and keeps it for the next write, as an in-flight bio holds one. */
  record Alloc() implements ThinOp {}

  record Lookup(long dev, long vblock) implements ThinOp {}

  record Commit() implements ThinOp {}

  record Abort() implements ThinOp {}

  record SetTransactionId(long current, long next) implements ThinOp {}

  record ReserveSnap() implements ThinOp {}

  record ReleaseSnap() implements ThinOp {}

  record Resize(long dataBlocks) implements ThinOp {}

  /** A clean close (which commits) and reopen. */
  record Reopen() implements ThinOp {}
}
