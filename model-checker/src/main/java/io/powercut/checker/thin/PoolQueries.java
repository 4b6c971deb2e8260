package io.powercut.checker.thin;

import io.powercut.checker.Outcome;
import io.powercut.checker.thin.ThinOp.DataBlockSize;
import io.powercut.checker.thin.ThinOp.DataDeviceSize;
import io.powercut.checker.thin.ThinOp.DeviceExists;
import io.powercut.checker.thin.ThinOp.FreeDataBlocks;
import io.powercut.checker.thin.ThinOp.FreeMetadataBlocks;
import io.powercut.checker.thin.ThinOp.HeldMetadataRoot;
import io.powercut.checker.thin.ThinOp.HighestMapped;
import io.powercut.checker.thin.ThinOp.Lookup;
import io.powercut.checker.thin.ThinOp.LookupNonBlocking;
import io.powercut.checker.thin.ThinOp.MappedCount;
import io.powercut.checker.thin.ThinOp.MetadataDeviceSize;
import io.powercut.checker.thin.ThinOp.NeedsCheck;
import io.powercut.checker.thin.ThinOp.PoolChanged;
import io.powercut.checker.thin.ThinOp.ThinAbortedChanges;
import io.powercut.checker.thin.ThinOp.ThinChanged;
import io.powercut.checker.thin.ThinOp.Time;
import io.powercut.checker.thin.ThinOp.TransactionId;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Judges the answers of {@link ThinOp.Query queries} the moment they are given, against the model's
 * pending state. Exact wherever the answer follows from what the workload did; where it depends on
 * the engine's free choice, explicit about what is allowed: the non-blocking lookup may say it
 * would block (never give a wrong mapping), the held metadata root is any metadata block but stays
 * the same while the snapshot is held, and the free metadata count is bounded by {@link
 * MetadataFreeCount}.
 */
final class PoolQueries {
  private final long metadataBlocks;
  private final long dataBlockSize;
  private final ModelOpenDevices openDevices;
  private final MetadataFreeCount metadataFree;

  /** The held metadata snapshot's root as first answered, while it is held. */
  private Long heldRoot;

  PoolQueries(
      long metadataBlocks,
      long dataBlockSize,
      ModelOpenDevices openDevices,
      MetadataFreeCount metadataFree) {
    this.metadataBlocks = metadataBlocks;
    this.dataBlockSize = dataBlockSize;
    this.openDevices = openDevices;
    this.metadataFree = metadataFree;
  }

  /** The metadata snapshot was taken or released: its root is not known yet. */
  void snapshotChanged() {
    heldRoot = null;
  }

  /**
   * Judges the answer to {@code q} against the pending pool {@code p}; {@code freeDataBlocks} is
   * the exact free data count, or empty when the model cannot know it.
   */
  String judge(ThinOp.Query q, Outcome outcome, MutablePoolState p, OptionalLong freeDataBlocks) {
    if (q instanceof Lookup o) {
      return device(
          p, o.dev(), outcome, () -> Expect.value(outcome, p.lookup(o.dev(), o.vblock())));
    } else if (q instanceof LookupNonBlocking o) {
      if (wouldBlock(outcome)) {
        return null;
      }
      return device(
          p, o.dev(), outcome, () -> Expect.value(outcome, p.lookup(o.dev(), o.vblock())));
    } else if (q instanceof HighestMapped o) {
      return device(
          p,
          o.dev(),
          outcome,
          () -> {
            var m = p.devices.get(o.dev()).mappings();
            return Expect.value(outcome, m.isEmpty() ? -1 : m.lastKey());
          });
    } else if (q instanceof MappedCount o) {
      return device(
          p,
          o.dev(),
          outcome,
          () -> Expect.value(outcome, p.devices.get(o.dev()).mappings().size()));
    } else if (q instanceof DeviceExists o) {
      return Expect.value(outcome, p.devices.containsKey(o.dev()) ? 1 : 0);
    } else if (q instanceof FreeDataBlocks) {
      return freeDataBlocks.isPresent()
          ? Expect.value(outcome, freeDataBlocks.getAsLong())
          : Expect.ok(outcome);
    } else if (q instanceof FreeMetadataBlocks) {
      String wrong = Expect.ok(outcome);
      return wrong != null ? wrong : metadataFree.judge(outcome.value());
    } else if (q instanceof DataDeviceSize) {
      return Expect.value(outcome, p.dataBlocks);
    } else if (q instanceof MetadataDeviceSize) {
      return Expect.value(outcome, metadataBlocks);
    } else if (q instanceof DataBlockSize) {
      return Expect.value(outcome, dataBlockSize);
    } else if (q instanceof TransactionId) {
      return Expect.value(outcome, p.transactionId);
    } else if (q instanceof HeldMetadataRoot) {
      return heldRoot(p, outcome);
    } else if (q instanceof Time) {
      return Expect.value(outcome, p.time);
    } else if (q instanceof NeedsCheck) {
      return Expect.value(outcome, p.needsCheck ? 1 : 0);
    } else if (q instanceof PoolChanged) {
      return Expect.value(outcome, openDevices.anyChanged() ? 1 : 0);
    } else if (q instanceof ThinChanged o) {
      return handle(o.dev(), outcome, false);
    } else if (q instanceof ThinAbortedChanges o) {
      return handle(o.dev(), outcome, true);
    }
    throw new IllegalArgumentException("unknown query " + q);
  }

  private static boolean wouldBlock(Outcome outcome) {
    return outcome.isRefused(ThinRefusal.WOULD_BLOCK);
  }

  /** A question about a device: refused if it does not exist, else {@code ifExists}. */
  private static String device(
      MutablePoolState p, long dev, Outcome outcome, Supplier<String> ifExists) {
    if (!p.devices.containsKey(dev)) {
      return Expect.refused(outcome, ThinRefusal.NO_SUCH_DEVICE, "device " + dev + " is missing");
    }
    return ifExists.get();
  }

  private String handle(long dev, Outcome outcome, boolean aborted) {
    ModelOpenDevices open = openDevices;
    if (!open.isOpen(dev)) {
      return Expect.refused(
          outcome, ThinRefusal.NOT_OPEN, "no handle of device " + dev + " is open");
    }
    return Expect.value(outcome, open.changed(dev, aborted) ? 1 : 0);
  }

  private String heldRoot(MutablePoolState p, Outcome outcome) {
    if (!p.metadataSnapshot) {
      return Expect.value(outcome, 0);
    }
    String wrong = Expect.ok(outcome);
    if (wrong != null) {
      return wrong;
    }
    long v = outcome.value();
    if (v <= 0 || v >= metadataBlocks) {
      return "held metadata root " + v + " is not a metadata block other than the superblock";
    }
    if (heldRoot != null && v != heldRoot) {
      return "held metadata root moved from " + heldRoot + " to " + v + " while held";
    }
    heldRoot = v;
    return null;
  }
}
