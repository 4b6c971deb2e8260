package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.Superblock;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device cap that bounds memory on a forged details tree, shown with a cap of 3. */
class DeviceCapTest {
  @Test
  void devicesBeyondTheCapAreReportedOnceAndNotKept() throws IOException {
    MemoryBlockDevice device = TestPools.standard();
    Superblock sb = new ImageEditor(device).superblock();
    ProblemLog log = new ProblemLog(MetadataChecker.MAX_PROBLEMS);
    BlockUsage usage = new BlockUsage(sb.metadataSpaceMapRoot().nrBlocks(), log);
    usage.setKind(0, BlockKind.SUPERBLOCK);
    TreeWalker walker = new TreeWalker(new BlockReader(device, log), usage, log);
    ThinTrees trees =
        new ThinTrees(
            walker,
            log,
            new RefCounting(new RefCounter(TestPools.DATA_BLOCKS)),
            TestPools.DATA_BLOCKS,
            3);
    trees.check(sb.deviceDetailsRoot(), sb.dataMappingRoot(), sb.time(), "superblock", false);
    assertEquals(3, trees.devices());
    List<Problem> capped = log.problems().stream().filter(p -> p.is(Rule.DEVICE_COUNT)).toList();
    // Once for the details tree, once for the mapping tree's top level.
    assertEquals(2, capped.size(), log.problems()::toString);
    assertEquals(Severity.FATAL, capped.get(0).severity());
  }
}
