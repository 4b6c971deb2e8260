package io.powercut.checker.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.powercut.checker.volume.SectorVerdict.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-made histories, one per rule and per verdict kind; discards unmap units of 4 blocks. */
class VolumeContentModelTest {
  private static final byte[] ZEROS = new byte[4096];
  private VolumeContentModel model;

  @BeforeEach
  void fresh() {
    model = new VolumeContentModel(4);
    model.createVolume(0);
  }

  private static byte[] version(long volume, long block, long seq) {
    return SectorStamp.block(volume, block, seq);
  }

  private static byte[] garbage() {
    byte[] b = new byte[4096];
    Arrays.fill(b, (byte) 0xA5);
    return b;
  }

  /** The kinds of the verdicts on {@code block}, one per sector at most. */
  private List<Kind> kinds(long volume, long block, byte[] read) {
    return model.judgeBlock(volume, block, read).stream()
        .map(SectorVerdict::kind)
        .collect(Collectors.toList());
  }

  private static List<Kind> all(Kind k) {
    return java.util.Collections.nCopies(SectorStamp.SECTORS_PER_BLOCK, k);
  }

  private String firstMessage(long volume, long block, byte[] read) {
    return model.judgeBlock(volume, block, read).get(0).message();
  }

  @Test
  void aFlushedWriteReadsExactlyItsLastFlushedVersion() {
    model.write(0, 1, version(0, 1, 1));
    model.flush(0);
    model.write(0, 1, version(0, 1, 2));
    model.flush(0);
    assertEquals(List.of(), kinds(0, 1, version(0, 1, 2)));
    assertEquals(all(Kind.LOST_FLUSHED_WRITE), kinds(0, 1, version(0, 1, 1)));
    assertEquals(all(Kind.LOST_FLUSHED_WRITE), kinds(0, 1, ZEROS));
    assertEquals(
        "volume 0 sector 8: expected version 2, got version 1 (LOST_FLUSHED_WRITE)",
        firstMessage(0, 1, version(0, 1, 1)));
  }

  @Test
  void anUnflushedSectorReadsItsFlushedVersionOrOneWrittenSince() {
    model.write(0, 0, version(0, 0, 3));
    model.flush(0);
    model.write(0, 0, version(0, 0, 4));
    model.write(0, 0, version(0, 0, 5));
    for (long seq = 3; seq <= 5; seq++) {
      assertEquals(List.of(), kinds(0, 0, version(0, 0, seq)), "version " + seq);
    }
    assertEquals(
        "volume 0 sector 0: expected version 3 or version 4 or version 5 (flushed version 3), got"
            + " zeros (LOST_FLUSHED_WRITE)",
        firstMessage(0, 0, ZEROS));
  }

  @Test
  void aNeverFlushedWriteMayBeLostEntirely() {
    model.write(0, 2, version(0, 2, 7));
    assertEquals(List.of(), kinds(0, 2, ZEROS));
    assertEquals(List.of(), kinds(0, 2, version(0, 2, 7)));
  }

  @Test
  void aFuaWriteIsDurableAndSupersedesEarlierPendingVersions() {
    model.write(0, 0, version(0, 0, 1));
    model.writeFua(0, 0, version(0, 0, 2));
    assertEquals(List.of(), kinds(0, 0, version(0, 0, 2)));
    assertEquals(all(Kind.LOST_FLUSHED_WRITE), kinds(0, 0, version(0, 0, 1)));
    assertEquals(all(Kind.LOST_FLUSHED_WRITE), kinds(0, 0, ZEROS));
  }

  @Test
  void aNeverWrittenSectorReadsZeros() {
    assertEquals(List.of(), kinds(0, 9, ZEROS));
    assertEquals(all(Kind.NONZERO_NEVER_WRITTEN), kinds(0, 9, garbage()));
    assertEquals(
        "volume 0 sector 72: expected zeros, got garbage (NONZERO_NEVER_WRITTEN)",
        firstMessage(0, 9, garbage()));
  }

  @Test
  void garbageInAWrittenSectorIsGarbage() {
    model.write(0, 0, version(0, 0, 1));
    assertEquals(all(Kind.GARBAGE), kinds(0, 0, garbage()));
  }

  @Test
  void aStampNoVolumeWroteIsGarbageOrNonzeroNeverWritten() {
    model.write(0, 0, version(0, 0, 1));
    assertEquals(all(Kind.GARBAGE), kinds(0, 0, version(0, 0, 99)));
    assertEquals(all(Kind.NONZERO_NEVER_WRITTEN), kinds(0, 1, version(0, 1, 99)));
  }

  @Test
  void anotherVolumesDataIsALeakWhetherThatVolumeLivesOrWasDeleted() {
    model.createVolume(1);
    model.createVolume(2);
    model.write(1, 2, version(1, 2, 5));
    model.flush(1);
    assertEquals(all(Kind.LEAK_FROM_OTHER_VOLUME), kinds(2, 2, version(1, 2, 5)));
    assertEquals(
        "volume 2 sector 16: expected zeros, got volume 1's version 5 of sector 16"
            + " (LEAK_FROM_OTHER_VOLUME)",
        firstMessage(2, 2, version(1, 2, 5)));
    model.deleteVolume(1);
    model.createVolume(1);
    assertEquals(
        all(Kind.LEAK_FROM_OTHER_VOLUME),
        kinds(1, 2, version(1, 2, 5)),
        "the deleted incarnation of volume 1 is another tenant");
  }

  @Test
  void thisVolumesDataOfAnotherSectorIsStaleFromAnEarlierOwner() {
    model.write(0, 0, version(0, 0, 1));
    model.flush(0);
    model.discard(0, 0, 4);
    model.flush(0);
    model.write(0, 5, version(0, 5, 2));
    assertEquals(all(Kind.STALE_FROM_EARLIER_OWNER), kinds(0, 4, version(0, 0, 1)));
  }

  @Test
  void aDiscardReadsZerosOrUntilAFlushItsOldContent() {
    model.write(0, 0, version(0, 0, 1));
    model.flush(0);
    model.discard(0, 0, 4);
    assertEquals(List.of(), kinds(0, 0, ZEROS));
    assertEquals(List.of(), kinds(0, 0, version(0, 0, 1)), "a crash brings the mapping back");
    model.flush(0);
    assertEquals(List.of(), kinds(0, 0, ZEROS));
    assertEquals(all(Kind.WRONG_VERSION), kinds(0, 0, version(0, 0, 1)), "discard committed");
  }

  @Test
  void aDiscardOfPartOfAUnitChangesNothing() {
    model.write(0, 1, version(0, 1, 1));
    model.flush(0);
    model.discard(0, 1, 3);
    model.flush(0);
    assertEquals(List.of(), kinds(0, 1, version(0, 1, 1)));
    assertEquals(all(Kind.LOST_FLUSHED_WRITE), kinds(0, 1, ZEROS));
  }

  @Test
  void aSnapshotHoldsEveryCompletedWriteOfItsOriginForever() {
    model.write(0, 0, version(0, 0, 1));
    model.flush(0);
    model.write(0, 0, version(0, 0, 2));
    model.createSnapshot(1, 0);
    model.write(0, 0, version(0, 0, 3));
    model.flush(0);
    assertEquals(List.of(), kinds(1, 0, version(0, 0, 2)));
    assertEquals(all(Kind.LOST_FLUSHED_WRITE), kinds(1, 0, version(0, 0, 1)));
    assertEquals(
        "volume 1 sector 0: expected volume 0's version 2 of sector 0, got volume 0's version 3"
            + " of sector 0 (WRONG_VERSION)",
        firstMessage(1, 0, version(0, 0, 3)));
    assertEquals(
        all(Kind.LOST_FLUSHED_WRITE),
        kinds(0, 0, version(0, 0, 1)),
        "creating the snapshot flushed the origin");
  }

  @Test
  void aSnapshotsOwnWriteReadInItsOriginIsAWrongVersionInASiblingALeak() {
    model.write(0, 0, version(0, 0, 1));
    model.createSnapshot(1, 0);
    model.createSnapshot(2, 0);
    model.write(1, 0, version(1, 0, 2));
    assertEquals(all(Kind.WRONG_VERSION), kinds(0, 0, version(1, 0, 2)));
    assertEquals(all(Kind.LEAK_FROM_OTHER_VOLUME), kinds(2, 0, version(1, 0, 2)));
  }

  @Test
  void aWriteMustBeStampsOfItsOwnSectorsAndNew() {
    assertThrows(IllegalArgumentException.class, () -> model.write(0, 1, version(0, 2, 1)));
    assertThrows(IllegalArgumentException.class, () -> model.write(0, 1, ZEROS));
    model.createVolume(1);
    model.write(0, 1, version(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> model.write(9, 1, version(9, 1, 1)));
    assertThrows(IllegalArgumentException.class, () -> model.createVolume(1));
  }

  @Test
  void nextWriteStampsFreshVersions() {
    byte[] a = model.nextWrite(0, 3, 2);
    byte[] b = model.nextWrite(0, 3, 1);
    model.write(0, 3, a);
    model.write(0, 3, b);
    assertEquals(List.of(), kinds(0, 4, Arrays.copyOfRange(a, 4096, 8192)));
    assertEquals(List.of(), kinds(0, 3, b));
  }
}
