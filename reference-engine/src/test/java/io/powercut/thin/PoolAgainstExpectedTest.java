package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.block.BlockManager;
import io.powercut.property.Gen;
import io.powercut.property.Gens;
import io.powercut.property.junit.Property;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool against {@link ExpectedPool}: random workloads of valid and invalid operations, commits,
 * aborts, clean reopens and crashes, compared after every step and audited at every commit.
 * Failures shrink (ddmin) to a minimal list of operations.
 */
class PoolAgainstExpectedTest {
  /** Runs one workload; returns the harness for workload-wide assertions. */
  static PoolHarness run(long metadataBlocks, long dataBlocks, int cacheBlocks, List<PoolOp> ops)
      throws IOException {
    PoolHarness h =
        new PoolHarness(
            new MemoryBlockDevice(metadataBlocks), dataBlocks, cacheBlocks, PoolHarness::audit);
    for (PoolOp op : ops) {
      h.apply(op);
    }
    h.finish();
    return h;
  }

  @Test
  void smallPools() {
    Property.forAll(Gens.listOf(PoolOp.gen(new PoolOp.Shape(6, 300, 40, 50)), 10, 80))
        .seeds(120)
        .check((List<PoolOp> ops) -> run(2048, 1000, BlockManager.DEFAULT_CACHE_BLOCKS, ops));
  }

  /** Workloads that start from a device of {@code mapped} blocks and a snapshot of it. */
  static Gen<List<PoolOp>> fromASnapshottedDevice(PoolOp.Shape shape, int mapped, int maxOps) {
    List<PoolOp> prefix =
        List.of(
            new PoolOp.CreateThin(0),
            new PoolOp.MapRun(1, 0, mapped),
            new PoolOp.Commit(),
            new PoolOp.CreateSnapshot(1, 1));
    return Gens.listOf(PoolOp.gen(shape), 10, maxOps)
        .map(
            ops -> {
              List<PoolOp> all = new ArrayList<>(prefix);
              all.addAll(ops);
              return all;
            });
  }

  @Test
  void largeDevicesWithMultiLevelMappingTrees() {
    Property.forAll(fromASnapshottedDevice(new PoolOp.Shape(4, 3000, 700, 20000), 1500, 40))
        .seeds(25)
        .check((List<PoolOp> ops) -> run(8192, 20000, BlockManager.DEFAULT_CACHE_BLOCKS, ops));
  }

  @Test
  void threeLevelMappingTreesWithASmallCache() {
    // 40000 mappings need over 252 leaves: the device's tree gets a third level.
    Property.forAll(fromASnapshottedDevice(new PoolOp.Shape(3, 45000, 2000, 1000), 40000, 25))
        .seeds(4)
        .check((List<PoolOp> ops) -> run(16384, 50000, 256, ops));
  }

  @Test
  void tinyDataDevicesRunOutOfSpace() {
    int[] refusals = new int[1];
    Property.forAll(Gens.listOf(PoolOp.gen(new PoolOp.Shape(4, 40, 10, 3)), 1, 60))
        .seeds(80)
        .check(
            (List<PoolOp> ops) -> {
              refusals[0] += run(1024, 12, 64, ops).dataRefusals;
            });
    assertTrue(refusals[0] > 0, "some workloads ran out of data space");
  }

  @Test
  void smallMetadataDevicesRunOutOfSpace() {
    int[] refusals = new int[1];
    Property.forAll(Gens.listOf(PoolOp.gen(new PoolOp.Shape(4, 5000, 900, 20_000_000)), 1, 40))
        .seeds(30)
        .check(
            (List<PoolOp> ops) -> {
              refusals[0] +=
                  run(PoolMetadata.MIN_METADATA_BLOCKS, 50_000, 64, ops).metadataRefusals;
            });
    assertTrue(refusals[0] > 0, "some workloads ran out of metadata space");
  }
}
