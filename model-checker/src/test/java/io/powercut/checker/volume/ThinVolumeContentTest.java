package io.powercut.checker.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.volume.SectorVerdict.Kind;
import io.powercut.pdata.Bugs;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.target.TargetBug;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The model judging the real pool target: random workloads on the correct target leave nothing
 * wrong in any crash state taken at their end; each seeded data-path bug shows as its verdict kind.
 */
class ThinVolumeContentTest {
  private static final int MAX_VOLUMES = 4;

  /** Random writes, FUA writes, flushes, discards, snapshots and deletes, drawn from {@code r}. */
  private static void randomWorkload(
      ModelledPool p, SplittableRandom r, int ops, boolean judgeEachStep) throws IOException {
    p.createVolume(0);
    p.createVolume(1);
    long nextId = 2;
    for (int i = 0; i < ops; i++) {
      List<Long> ids = p.volumes();
      long id = ids.get(r.nextInt(ids.size()));
      int pick = r.nextInt(100);
      if (pick < 55) {
        int blocks = 1 + r.nextInt(3);
        long first = r.nextLong(ModelledPool.VOLUME_BLOCKS - blocks + 1);
        p.write(id, first, blocks, r.nextInt(4) == 0);
      } else if (pick < 75) {
        p.flush(id);
      } else if (pick < 85) {
        long first = r.nextLong(ModelledPool.VOLUME_BLOCKS);
        p.discard(id, first, r.nextLong(ModelledPool.VOLUME_BLOCKS - first + 1));
      } else if (pick < 93 && ids.size() < MAX_VOLUMES) {
        p.createSnapshot(nextId++, id);
      } else if (ids.size() > 1) {
        p.deleteVolume(id);
      }
      if (judgeEachStep) {
        List<SectorVerdict> durable = p.judgeDurableOnly();
        assertEquals(List.of(), durable, "durable-only after op " + i + ":\n" + lines(durable));
        List<SectorVerdict> random = p.judgeRandomSurvivors(r);
        assertEquals(List.of(), random, "random survivors after op " + i + ":\n" + lines(random));
      }
    }
  }

  private static String lines(List<SectorVerdict> verdicts) {
    return verdicts.stream().limit(5).map(SectorVerdict::message).collect(Collectors.joining("\n"));
  }

  @PropertyTest(seeds = 30)
  void theCorrectTargetKeepsTheBlockDeviceContractInEveryStateAtTheEnd(SplittableRandom r)
      throws IOException {
    try (ModelledPool p = new ModelledPool(64, Bugs.NONE)) {
      randomWorkload(p, r, 5 + r.nextInt(40), false);
      List<SectorVerdict> durable = p.judgeDurableOnly();
      assertEquals(List.of(), durable, "durable-only state:\n" + lines(durable));
      List<SectorVerdict> clean = p.judgeCleanShutdown();
      assertEquals(List.of(), clean, "clean-shutdown state:\n" + lines(clean));
      for (int i = 0; i < 3; i++) {
        List<SectorVerdict> random = p.judgeRandomSurvivors(r);
        assertEquals(List.of(), random, "random survivors " + i + ":\n" + lines(random));
      }
    }
  }

  @PropertyTest(seeds = 10)
  void theCorrectTargetKeepsTheContractAfterEveryOperation(SplittableRandom r) throws IOException {
    try (ModelledPool p = new ModelledPool(64, Bugs.NONE)) {
      randomWorkload(p, r, 30, true);
    }
  }

  private static void assertFinds(Kind kind, List<SectorVerdict> verdicts) {
    assertTrue(
        verdicts.stream().anyMatch(v -> v.kind() == kind),
        "expected a " + kind + " verdict, got:\n" + lines(verdicts));
  }

  @Test
  void aFreshBlockNotZeroedBeforeAPartialWriteReadsTheDevicesOldContent() throws IOException {
    try (ModelledPool p = new ModelledPool(8, Bugs.of(TargetBug.NO_ZERO_BEFORE_PARTIAL_WRITE))) {
      p.createVolume(0);
      p.write(0, 1, 1, false);
      p.flush(0);
      List<SectorVerdict> verdicts = p.judgeDurableOnly();
      assertFinds(Kind.NONZERO_NEVER_WRITTEN, verdicts);
      assertEquals(
          "volume 0 sector 0: expected zeros, got garbage (NONZERO_NEVER_WRITTEN)",
          verdicts.get(0).message());
    }
  }

  /** Volume 0 fills the one data block and is deleted; volume 1 then writes part of it. */
  private static void writeAfterAnEarlierOwner(ModelledPool p) throws IOException {
    p.createVolume(0);
    p.write(0, 0, 4, false);
    p.flush(0);
    p.deleteVolume(0);
    p.createVolume(1);
    p.write(1, 1, 1, false);
    p.flush(1);
  }

  @Test
  void aFreshBlockNotZeroedShowsItsEarlierOwnersDataAsALeak() throws IOException {
    try (ModelledPool p = new ModelledPool(1, Bugs.of(TargetBug.NO_ZERO_BEFORE_PARTIAL_WRITE))) {
      writeAfterAnEarlierOwner(p);
      List<SectorVerdict> verdicts = p.judgeCleanShutdown();
      assertFinds(Kind.LEAK_FROM_OTHER_VOLUME, verdicts);
      assertEquals(
          "volume 1 sector 0: expected zeros, got volume 0's version 0 of sector 0"
              + " (LEAK_FROM_OTHER_VOLUME)",
          verdicts.get(0).message());
    }
  }

  @Test
  void theCorrectTargetZeroesAFreshBlockBeforeAPartialWrite() throws IOException {
    try (ModelledPool p = new ModelledPool(1, Bugs.NONE)) {
      writeAfterAnEarlierOwner(p);
      assertEquals(List.of(), p.judgeCleanShutdown());
      assertEquals(List.of(), p.judgeDurableOnly());
    }
  }

  @Test
  void aFlushWithoutCommitLosesTheFlushedWrite() throws IOException {
    try (ModelledPool p = new ModelledPool(8, Bugs.of(TargetBug.FLUSH_WITHOUT_COMMIT))) {
      p.createVolume(0);
      p.write(0, 2, 1, false);
      p.flush(0);
      List<SectorVerdict> verdicts = p.judgeDurableOnly();
      assertFinds(Kind.LOST_FLUSHED_WRITE, verdicts);
      assertEquals(
          "volume 0 sector 16: expected version 0, got zeros (LOST_FLUSHED_WRITE)",
          verdicts.get(0).message());
    }
  }

  @Test
  void aProvisioningFuaWithoutCommitLosesTheFuaWrite() throws IOException {
    try (ModelledPool p = new ModelledPool(8, Bugs.of(TargetBug.PROVISION_FUA_IGNORED))) {
      p.createVolume(0);
      p.write(0, 4, 4, true);
      assertFinds(Kind.LOST_FLUSHED_WRITE, p.judgeDurableOnly());
    }
  }

  @Test
  void metadataCommittedBeforeTheDataFlushMapsGarbage() throws IOException {
    try (ModelledPool p = new ModelledPool(8, Bugs.of(TargetBug.METADATA_BEFORE_DATA_FLUSH))) {
      p.createVolume(0);
      p.write(0, 0, 1, false);
      int beforeFlush = p.data.log().size();
      // The power is cut inside the flush: the metadata committed, the data flush not yet done.
      p.volume(0).flush();
      assertFinds(Kind.GARBAGE, p.judgeDurableOnlyWithDataAt(beforeFlush));
    }
  }

  @Test
  void theCorrectTargetFlushesTheDataBeforeTheMetadataCommits() throws IOException {
    try (ModelledPool p = new ModelledPool(8, Bugs.NONE)) {
      p.createVolume(0);
      p.write(0, 0, 1, false);
      int beforeCommit = p.metadata.log().size();
      // The power is cut inside the flush: the data flushed, the metadata not yet committed.
      p.volume(0).flush();
      assertEquals(List.of(), p.judgeDurableOnlyWithMetadataAt(beforeCommit));
    }
  }

  @Test
  void breakingSharingWithoutCopyLeavesGarbageInTheOrigin() throws IOException {
    try (ModelledPool p = new ModelledPool(8, Bugs.of(TargetBug.BREAK_SHARING_NO_COPY))) {
      p.createVolume(0);
      p.write(0, 4, 4, false);
      p.createSnapshot(1, 0);
      p.write(0, 6, 1, false);
      p.flush(0);
      assertFinds(Kind.GARBAGE, p.judgeDurableOnly());
    }
  }

  @Test
  void reusingADataBlockFreedThisTransactionLeaksTheNewOwnersData() throws IOException {
    try (ModelledPool p = new ModelledPool(8, Bugs.of(TargetBug.REUSE_FREED_DATA_BLOCK))) {
      p.createVolume(0);
      p.createVolume(1);
      p.write(0, 0, 4, false);
      p.flush(0);
      p.discard(0, 0, 4);
      p.write(1, 0, 4, false);
      assertFinds(Kind.LEAK_FROM_OTHER_VOLUME, p.judgeCleanShutdown());
    }
  }
}
