package io.powercut.checker.thin;

/**
 * Operations of a dm-thin pool workload, as the pool target issues them: device management,
 * provisioning writes (allocate a data block and map it), discards, lookups, transactions, and
 * every question the pool target asks of dm-thin-metadata ({@link Query}), whose answer the model
 * judges at once. {@link ThinOpKind} names each one and the engine calls it makes.
 */
public sealed interface ThinOp {
  /** An operation that only asks: it changes nothing, its answer is the outcome's value. */
  sealed interface Query extends ThinOp {}

  record CreateThin(long dev) implements ThinOp {}

  record CreateSnap(long dev, long origin) implements ThinOp {}

  record Delete(long dev) implements ThinOp {}

  /** Maps {@code vblock} to a newly allocated (or previously {@link Alloc}ated) data block. */
  record Write(long dev, long vblock) implements ThinOp {}

  record Remove(long dev, long vblock) implements ThinOp {}

  /** Allocates a data block now and keeps it for the next write, as an in-flight bio holds one. */
  record Alloc() implements ThinOp {}

  record Commit() implements ThinOp {}

  record Abort() implements ThinOp {}

  record SetTransactionId(long current, long next) implements ThinOp {}

  record ReserveSnap() implements ThinOp {}

  record ReleaseSnap() implements ThinOp {}

  record Resize(long dataBlocks) implements ThinOp {}

  /** A clean close (which commits) and reopen; the open thin devices are closed first. */
  record Reopen() implements ThinOp {}

  /** Marks the metadata as needing a check; durable at once (it commits). */
  record SetNeedsCheck() implements ThinOp {}

  /** Opens one more handle on a device; later queries of the device use its newest handle. */
  record OpenThin(long dev) implements ThinOp {}

  /** Closes the newest open handle on a device. */
  record CloseThin(long dev) implements ThinOp {}

  /** The blocking lookup: the data block times two, plus one if it may be shared; -1 unmapped. */
  record Lookup(long dev, long vblock) implements Query {}

  /** The non-blocking lookup: {@link Lookup}'s answer, or a refusal that it would block. */
  record LookupNonBlocking(long dev, long vblock) implements Query {}

  record HighestMapped(long dev) implements Query {}

  record MappedCount(long dev) implements Query {}

  record DeviceExists(long dev) implements Query {}

  record FreeDataBlocks() implements Query {}

  record FreeMetadataBlocks() implements Query {}

  record DataDeviceSize() implements Query {}

  record MetadataDeviceSize() implements Query {}

  record DataBlockSize() implements Query {}

  record TransactionId() implements Query {}

  record HeldMetadataRoot() implements Query {}

  record Time() implements Query {}

  record NeedsCheck() implements Query {}

  /** Whether any device changed in this transaction. */
  record PoolChanged() implements Query {}

  /** Whether the device (through its newest open handle) changed in this transaction. */
  record ThinChanged(long dev) implements Query {}

  /** Whether the last abort threw away changes of the device (through its newest open handle). */
  record ThinAbortedChanges(long dev) implements Query {}
}
