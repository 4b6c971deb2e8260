package io.powercut.checker.thinvolume;

import io.powercut.checker.BugHunt;
import io.powercut.checker.FaultClass;
import io.powercut.checker.HuntTarget;
import io.powercut.checker.WorkloadSource;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.target.TargetBug;
import io.powercut.thin.target.TargetBugCatalog;
import java.util.List;
import java.util.Set;

/**
 * The hunt of the pool target's data-path bugs ({@link TargetBug}) with the thin-volume subject:
 * seeded workloads of 12 operations, each crash state judged per sector.
 */
public final class VolumeHunt implements HuntTarget<VolumeOp, VolumeState> {
  private static final int OPS = 12;

  /** A hunter of the data-path catalog from {@code seed} on {@code threads} threads. */
  public static BugHunt<VolumeOp, VolumeState> hunter(long seed, int threads) {
    return new BugHunt<>(new VolumeHunt(), seed, threads);
  }

  @Override
  public String name() {
    return "thin-volume";
  }

  @Override
  public List<SeededBug> all() {
    return TargetBugCatalog.dataPath();
  }

  @Override
  public ThinVolumeSubject subject(SeededBug bug) {
    return new ThinVolumeSubject(Bugs.of(bug));
  }

  @Override
  public WorkloadSource<VolumeOp> workloads(long seed) {
    return WorkloadSource.random(new VolumeWorkloads(), seed, OPS);
  }

  /**
   * Remapping before the copy is durable shows only when that copy fails: it is hunted with IO
   * errors (on either device).
   */
  @Override
  public Set<FaultClass> faults(SeededBug bug) {
    return bug == TargetBug.REMAP_BEFORE_COPY_DURABLE ? Set.of(FaultClass.IOERROR) : Set.of();
  }
}
