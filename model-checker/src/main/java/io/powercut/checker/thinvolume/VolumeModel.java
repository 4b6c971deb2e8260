package io.powercut.checker.thinvolume;

import io.powercut.checker.Model;
import io.powercut.checker.Outcome;
import io.powercut.checker.thinvolume.VolumeState.Expected;
import io.powercut.checker.thinvolume.VolumeState.Observed;
import io.powercut.checker.thinvolume.VolumeState.Step;
import io.powercut.checker.volume.SectorVerdict;
import io.powercut.checker.volume.VolumeContentModel;
import io.powercut.device.BlockDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The thin volumes' model: which ids are live (to predict refusals), the completed steps, and the
 * block-device contract of {@link VolumeContentModel} to judge what a recovery reads. Pool messages
 * commit the pool, so they make every volume's completed writes durable.
 */
final class VolumeModel implements Model<VolumeOp, VolumeState> {
  /** How many wrong sectors a diff names before it says how many more there are. */
  private static final int SHOWN = 4;

  private final TreeSet<Long> live = new TreeSet<>();
  private final List<Step> steps = new ArrayList<>();
  private long writes;
  // The step the last apply added, or null: what allowedDuring weakens.
  private Step lastAdded;

  VolumeModel() {
    for (long v = 0; v < ThinVolumeSubject.INITIAL_VOLUMES; v++) {
      live.add(v);
    }
  }

  @Override
  public String apply(VolumeOp op, Outcome outcome) {
    int before = steps.size();
    String wrong = judge(op, outcome);
    lastAdded = steps.size() > before ? steps.get(steps.size() - 1) : null;
    return wrong;
  }

  private String judge(VolumeOp op, Outcome outcome) {
    long seq = op instanceof VolumeOp.Write ? writes++ : -1;
    VolumeRefusal expected = refusalOf(op);
    if (expected != null) {
      return outcome.isRefused(expected)
          ? null
          : "expected refused (" + expected.word() + "), got " + outcome;
    }
    if (outcome.kind() == Outcome.Kind.REFUSED) {
      // Only a write allocates, and only a pool out of space refuses one.
      if (!(op instanceof VolumeOp.Write w && outcome.isRefused(VolumeRefusal.NO_DATA_SPACE))) {
        return "expected ok, got " + outcome;
      }
      // Within one data block nothing changed; a bio split over several may have landed in part.
      if (spansDataBlocks(w)) {
        steps.add(new Step(new VolumeOp.Write(w.volume(), w.block(), w.blocks(), false), seq));
      }
      return null;
    }
    if (outcome.kind() == Outcome.Kind.FAILED) {
      // An IO that failed may have landed or not: a write stays pending, nothing becomes durable.
      if (op instanceof VolumeOp.Write w) {
        steps.add(new Step(new VolumeOp.Write(w.volume(), w.block(), w.blocks(), false), seq));
      } else if (!(op instanceof VolumeOp.Flush)) {
        track(op);
        steps.add(new Step(op, seq));
      }
      return null;
    }
    track(op);
    steps.add(new Step(op, seq));
    return null;
  }

  /**
   * A FUA write is durable only once it completes: one that a power cut interrupts may have landed
   * in any of its sectors, which is what the same write without FUA allows.
   */
  @Override
  public List<VolumeState> allowedDuring(VolumeState before) {
    if (lastAdded != null && lastAdded.op() instanceof VolumeOp.Write w && w.fua()) {
      List<Step> cut = new ArrayList<>(steps.subList(0, steps.size() - 1));
      cut.add(
          new Step(new VolumeOp.Write(w.volume(), w.block(), w.blocks(), false), lastAdded.seq()));
      return List.of(new Expected(cut));
    }
    return Model.super.allowedDuring(before);
  }

  private static boolean spansDataBlocks(VolumeOp.Write w) {
    int k = ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK;
    return w.block() / k != (w.block() + w.blocks() - 1) / k;
  }

  private VolumeRefusal refusalOf(VolumeOp op) {
    if (op instanceof VolumeOp.Create c) {
      return live.contains(c.volume()) ? VolumeRefusal.VOLUME_EXISTS : null;
    } else if (op instanceof VolumeOp.Snapshot s) {
      if (!live.contains(s.origin())) {
        return VolumeRefusal.NO_SUCH_VOLUME;
      }
      return live.contains(s.snapshot()) ? VolumeRefusal.VOLUME_EXISTS : null;
    } else if (op instanceof VolumeOp.Tick) {
      return null;
    } else if (!live.contains(volumeOf(op))) {
      return VolumeRefusal.NO_SUCH_VOLUME;
    }
    return op.withinVolume() ? null : VolumeRefusal.OUT_OF_RANGE;
  }

  private void track(VolumeOp op) {
    if (op instanceof VolumeOp.Create c) {
      live.add(c.volume());
    } else if (op instanceof VolumeOp.Snapshot s) {
      live.add(s.snapshot());
    } else if (op instanceof VolumeOp.Delete d) {
      live.remove(d.volume());
    }
  }

  /** The one volume an IO or a delete names. */
  static long volumeOf(VolumeOp op) {
    if (op instanceof VolumeOp.Delete d) {
      return d.volume();
    } else if (op instanceof VolumeOp.Write w) {
      return w.volume();
    } else if (op instanceof VolumeOp.Flush f) {
      return f.volume();
    } else if (op instanceof VolumeOp.Discard d) {
      return d.volume();
    }
    throw new IllegalArgumentException("volume: expected an op of one volume, got " + op);
  }

  @Override
  public VolumeState committed() {
    return new Expected(steps);
  }

  @Override
  public String diff(VolumeState expected, VolumeState recovered) {
    if (!(expected instanceof Expected e) || !(recovered instanceof Observed o)) {
      return expected.equals(recovered) ? null : "expected " + expected + ", got " + recovered;
    }
    VolumeContentModel content = replay(e.steps());
    Map<Long, byte[]> read = o.volumes();
    if (!content.volumes().equals(read.keySet())) {
      return "expected volumes " + content.volumes() + ", got " + read.keySet();
    }
    List<SectorVerdict> wrong = new ArrayList<>();
    int size = BlockDevice.DEFAULT_BLOCK_SIZE;
    for (Map.Entry<Long, byte[]> v : read.entrySet()) {
      byte[] bytes = v.getValue();
      for (int b = 0; b * size < bytes.length; b++) {
        wrong.addAll(
            content.judgeBlock(v.getKey(), b, Arrays.copyOfRange(bytes, b * size, (b + 1) * size)));
      }
    }
    if (wrong.isEmpty()) {
      return null;
    }
    String shown =
        wrong.stream().limit(SHOWN).map(SectorVerdict::message).collect(Collectors.joining("; "));
    return wrong.size() > SHOWN
        ? shown + "; and " + (wrong.size() - SHOWN) + " more sectors"
        : shown;
  }

  /** The content model after {@code steps}, from the initial volumes. */
  static VolumeContentModel replay(List<Step> steps) {
    VolumeContentModel m = new VolumeContentModel(ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK);
    for (long v = 0; v < ThinVolumeSubject.INITIAL_VOLUMES; v++) {
      m.createVolume(v);
    }
    for (Step s : steps) {
      VolumeOp op = s.op();
      if (op instanceof VolumeOp.Create c) {
        m.createVolume(c.volume());
        m.flushAll();
      } else if (op instanceof VolumeOp.Snapshot sn) {
        m.createSnapshot(sn.snapshot(), sn.origin());
        m.flushAll();
      } else if (op instanceof VolumeOp.Delete d) {
        m.deleteVolume(d.volume());
        m.flushAll();
      } else if (op instanceof VolumeOp.Write w) {
        byte[] bytes = w.stamps(s.seq());
        if (w.fua()) {
          m.writeFua(w.volume(), w.block(), bytes);
        } else {
          m.write(w.volume(), w.block(), bytes);
        }
      } else if (op instanceof VolumeOp.Flush f) {
        m.flush(f.volume());
      } else if (op instanceof VolumeOp.Discard d) {
        int k = ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK;
        m.discard(d.volume(), d.dataBlock() * k, k);
      }
    }
    return m;
  }
}
