package io.powercut.checker.thin;

import io.powercut.property.Seeds;
import java.util.List;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The questions a workload asks between its steps: every query of the pool API, and opening and
 * closing thin devices (kept open across steps, closed before a valid delete of their device, as
 * the pool target closes a thin target before deleting it), with a rare {@code set_needs_check}.
 * Seeded from the workload's seed but on a stream of their own.
 */
final class ThinQuestions {
  /** Every question over the exhaustive vocabulary's device 0 and blocks 0 and 1. */
  static final List<ThinOp> VOCABULARY =
      List.of(
          new ThinOp.Lookup(0, 0),
          new ThinOp.LookupNonBlocking(0, 0),
          new ThinOp.HighestMapped(0),
          new ThinOp.MappedCount(0),
          new ThinOp.DeviceExists(1),
          new ThinOp.FreeDataBlocks(),
          new ThinOp.FreeMetadataBlocks(),
          new ThinOp.DataDeviceSize(),
          new ThinOp.MetadataDeviceSize(),
          new ThinOp.DataBlockSize(),
          new ThinOp.TransactionId(),
          new ThinOp.HeldMetadataRoot(),
          new ThinOp.Time(),
          new ThinOp.NeedsCheck(),
          new ThinOp.SetNeedsCheck(),
          new ThinOp.PoolChanged(),
          new ThinOp.ThinChanged(0),
          new ThinOp.ThinAbortedChanges(0));

  private final SplittableRandom r;
  private final int maxDevices;
  private final int virtualBlocks;

  /** Open handles per device, as the workload opened them. */
  private final TreeMap<Long, Integer> open = new TreeMap<>();

  ThinQuestions(long seed, int maxDevices, int virtualBlocks) {
    this.r = new SplittableRandom(Seeds.derive(seed, 0x51E57105L));
    this.maxDevices = maxDevices;
    this.virtualBlocks = virtualBlocks;
  }

  /** Before {@code step}: a valid delete first closes its device's handles; a reopen drops all. */
  void before(ThinOp step, boolean invalid, List<ThinOp> ops) {
    if (step instanceof ThinOp.Delete d && !invalid) {
      for (int i = open.getOrDefault(d.dev(), 0); i > 0; i--) {
        ops.add(new ThinOp.CloseThin(d.dev()));
      }
      open.remove(d.dev());
    } else if (step instanceof ThinOp.Reopen) {
      open.clear();
    }
  }

  /** After a step, one question in three. */
  void after(ThinOp step, NavigableSet<Long> devices, List<ThinOp> ops) {
    if (r.nextInt(3) == 0) {
      ops.add(ask(devices));
    }
  }

  private ThinOp ask(NavigableSet<Long> devices) {
    long dev = device(devices);
    long vb = r.nextInt(virtualBlocks);
    int w = r.nextInt(100);
    if (w < 10) {
      return new ThinOp.Lookup(dev, vb);
    } else if (w < 20) {
      return new ThinOp.LookupNonBlocking(dev, vb);
    } else if (w < 25) {
      return new ThinOp.HighestMapped(dev);
    } else if (w < 32) {
      return new ThinOp.MappedCount(dev);
    } else if (w < 35) {
      return new ThinOp.DeviceExists(dev);
    } else if (w < 45) {
      return new ThinOp.FreeDataBlocks();
    } else if (w < 57) {
      return new ThinOp.FreeMetadataBlocks();
    } else if (w < 59) {
      return new ThinOp.DataDeviceSize();
    } else if (w < 60) {
      return new ThinOp.MetadataDeviceSize();
    } else if (w < 61) {
      return new ThinOp.DataBlockSize();
    } else if (w < 63) {
      return new ThinOp.TransactionId();
    } else if (w < 66) {
      return new ThinOp.HeldMetadataRoot();
    } else if (w < 67) {
      return new ThinOp.Time();
    } else if (w < 68) {
      return new ThinOp.NeedsCheck();
    } else if (w < 72) {
      return new ThinOp.PoolChanged();
    } else if (w < 83 && open.isEmpty() && devices.contains(dev)) {
      // A device's flags are asked through a handle: open one first.
      open.merge(dev, 1, Integer::sum);
      return new ThinOp.OpenThin(dev);
    } else if (w < 78) {
      return new ThinOp.ThinChanged(openOr(dev));
    } else if (w < 83) {
      return new ThinOp.ThinAbortedChanges(openOr(dev));
    } else if (w < 92) {
      if (devices.contains(dev)) {
        open.merge(dev, 1, Integer::sum);
      }
      return new ThinOp.OpenThin(dev);
    } else if (w < 99 || r.nextInt(4) != 0) {
      long d = openOr(dev);
      open.computeIfPresent(d, (k, n) -> n == 1 ? null : n - 1);
      return new ThinOp.CloseThin(d);
    }
    return new ThinOp.SetNeedsCheck();
  }

  /** Mostly an existing device, sometimes any id. */
  private long device(NavigableSet<Long> devices) {
    if (devices.isEmpty() || r.nextInt(10) == 0) {
      return r.nextInt(maxDevices);
    }
    int i = r.nextInt(devices.size());
    for (long d : devices) {
      if (i-- == 0) {
        return d;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** A device with an open handle if there is one (mostly), else {@code fallback}. */
  private long openOr(long fallback) {
    if (open.isEmpty() || r.nextInt(8) == 0) {
      return fallback;
    }
    int i = r.nextInt(open.size());
    for (long d : open.keySet()) {
      if (i-- == 0) {
        return d;
      }
    }
    throw new IllegalStateException("unreachable");
  }
}
