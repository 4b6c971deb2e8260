package io.powercut.thin;

import io.powercut.pdata.block.Block;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.pdata.tm.Shadow;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;

/**
 * The metadata snapshot (the kernel's held root): a copy of the committed superblock, with zeroed
 * space-map roots, that keeps both trees alive so userspace can read a consistent pool while it
 * runs. Only one exists at a time; taking and releasing it each end in a commit. The caller ({@link
 * PoolMetadata}) runs both inside {@link PoolGuard#change}.
 */
final class MetadataSnapshot {
  private final PoolTransaction t;

  MetadataSnapshot(PoolTransaction t) {
    this.t = t;
  }

  /** Commits, then copies the superblock and takes a reference on both of its trees. */
  void reserve() throws IOException {
    if (t.heldRoot != 0) {
      throw new PoolOperationException(
          Reason.SNAPSHOT_EXISTS, "a metadata snapshot already exists at block " + t.heldRoot);
    }
    t.reserveMetadata();
    if (!t.bugs.has(ThinBug.METADATA_SNAP_UNCOMMITTED)) {
      t.commit();
    }
    t.trees.tm().inc(Superblock.LOCATION);
    Shadow s = t.trees.tm().shadow(Superblock.LOCATION, t.sbValidator);
    try (Block copy = s.block()) {
      Superblock held = Superblock.read(copy.data());
      held.withCommit(
              held.flags(),
              held.time(),
              held.transactionId(),
              0,
              SpaceMapRoot.ZERO,
              SpaceMapRoot.ZERO,
              held.dataMappingRoot(),
              held.deviceDetailsRoot())
          .write(copy.data());
      t.trees.tm().inc(held.dataMappingRoot());
      t.trees.tm().inc(held.deviceDetailsRoot());
      t.heldRoot = copy.location();
    }
    t.commit();
  }

  /** Releases the copy and everything only it kept alive, then commits. */
  void release() throws IOException {
    if (t.heldRoot == 0) {
      throw new PoolOperationException(Reason.NO_SNAPSHOT, "no metadata snapshot to release");
    }
    t.reserveMetadataToFree();
    long held = t.heldRoot;
    Superblock copy;
    try (Block b = t.trees.tm().read(held, t.sbValidator)) {
      copy = Superblock.read(b.data());
    }
    t.heldRoot = 0;
    if (!t.bugs.has(ThinBug.RELEASE_SNAP_LEAKS)) {
      t.trees.mappings().delete(copy.dataMappingRoot());
      t.trees.details().delete(copy.deviceDetailsRoot());
    }
    t.trees.tm().dec(held);
    t.commit();
  }
}
