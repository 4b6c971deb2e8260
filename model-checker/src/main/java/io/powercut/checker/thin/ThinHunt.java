package io.powercut.checker.thin;

import io.powercut.checker.BugHunt;
import io.powercut.checker.HuntTarget;
import io.powercut.checker.WorkloadSource;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.BugCatalog;
import java.util.List;
import java.util.Map;

/**
 * The hunt of the metadata engine's seeded bugs ({@link BugCatalog}): pools of few devices with
 * bulk steps, so trees grow deep and shrink again.
 */
public final class ThinHunt implements HuntTarget<ThinOp, PoolState> {
  /** Metadata and data device sizes of the hunt's pools. */
  static final long METADATA_BLOCKS = 1024;

  static final long DATA_BLOCKS = 8192;

  /**
   * Bugs the crash campaigns cannot reach within a budget, and why. Each still has an engine test
   * (SeededBugsTest) that proves the switch misbehaves.
   */
  public static final Map<SeededBug, String> OUT_OF_REACH =
      Map.of(
          PdataBug.LIFO_BLOCK_OPS,
          "the order matters only when one recursive episode both allocates and frees a block,"
              + " i.e. a merge in a two-leaf metadata ref-count tree (hundreds of metadata blocks"
              + " with 3+ references); DEC_BEFORE_SHARED_CHECK stands for the decrement-order"
              + " class");

  /** A hunter of this catalog from {@code seed} on {@code threads} threads. */
  public static BugHunt<ThinOp, PoolState> hunter(long seed, int threads) {
    return new BugHunt<>(new ThinHunt(), seed, threads);
  }

  @Override
  public String name() {
    return "dm-thin";
  }

  @Override
  public List<SeededBug> all() {
    return BugCatalog.ALL;
  }

  @Override
  public Map<SeededBug, String> outOfReach() {
    return OUT_OF_REACH;
  }

  @Override
  public ThinSubject subject(SeededBug bug) {
    return new ThinSubject(METADATA_BLOCKS, DATA_BLOCKS, Bugs.of(bug));
  }

  /** The workloads of a hunt: few devices and bulk steps, so trees grow deep and shrink again. */
  @Override
  public WorkloadSource<ThinOp> workloads(long seed) {
    return WorkloadSource.random(new ThinWorkloads(3, 4096, DATA_BLOCKS).withBulk(25), seed, 30);
  }
}
