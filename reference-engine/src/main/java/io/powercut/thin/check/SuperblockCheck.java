package io.powercut.thin.check;

import io.powercut.thin.Superblock;
import io.powercut.thin.SuperblockRules;
import java.util.List;

/**
 * The checker's side of the superblock: reports what {@link SuperblockRules} finds broken in block
 * 0 and in the metadata snapshot's copy, under the checker's rule ids, and checks that the roots
 * block 0 points at lie in range.
 */
final class SuperblockCheck {
  private static final String PATH = "superblock";

  private SuperblockCheck() {}

  /**
   * Checks block 0's fields (its checksum is already good) and returns the pointer limit: the
   * metadata space map's size, or as much of the device as a space map could cover if that size is
   * unusable.
   */
  static long check(Superblock sb, long deviceBlocks, ProblemLog log) {
    report(SuperblockRules.block0(sb, deviceBlocks), log, PATH);
    long max = SuperblockRules.maxMetadataBlocks(deviceBlocks);
    long n = sb.metadataSpaceMapRoot().nrBlocks();
    return n <= 0 || n > max ? max : n;
  }

  /** Which of block 0's pointers lie inside the metadata space map. */
  record Roots(
      boolean metadataIndex,
      boolean metadataRefCounts,
      boolean dataIndex,
      boolean dataRefCounts,
      boolean details,
      boolean mapping,
      boolean snapshot) {}

  /** Checks that the roots block 0 points at lie in [1, limit), reporting those that do not. */
  static Roots checkRoots(Superblock sb, long limit, ProblemLog log) {
    return new Roots(
        BlockUsage.inRange(
            sb.metadataSpaceMapRoot().bitmapRoot(), limit, "metadata space map index", PATH, log),
        BlockUsage.inRange(
            sb.metadataSpaceMapRoot().refCountRoot(), limit, "metadata ref-count root", PATH, log),
        BlockUsage.inRange(
            sb.dataSpaceMapRoot().bitmapRoot(), limit, "data space map index root", PATH, log),
        BlockUsage.inRange(
            sb.dataSpaceMapRoot().refCountRoot(), limit, "data ref-count root", PATH, log),
        BlockUsage.inRange(sb.deviceDetailsRoot(), limit, "device details root", PATH, log),
        BlockUsage.inRange(sb.dataMappingRoot(), limit, "data mapping root", PATH, log),
        sb.heldRoot() == 0
            || BlockUsage.inRange(sb.heldRoot(), limit, "metadata snapshot", PATH, log));
  }

  /**
   * Checks the metadata snapshot's superblock copy at {@code held} (its checksum is already good).
   */
  static void checkSnapshotCopy(long held, Superblock copy, ProblemLog log, String path) {
    report(SuperblockRules.snapshotCopy(held, copy), log, path);
  }

  private static void report(List<SuperblockRules.Violation> broken, ProblemLog log, String path) {
    for (SuperblockRules.Violation v : broken) {
      log.fatal(v.block(), rule(v.kind()), v.kind().label() + ": " + v.detail(), path);
    }
  }

  /** The checker's rule for each superblock rule. */
  static Rule rule(SuperblockRules.Kind kind) {
    return switch (kind) {
      case BLOCKNR -> Rule.BLOCKNR;
      case MAGIC -> Rule.MAGIC;
      case VERSION -> Rule.VERSION;
      case METADATA_BLOCK_SIZE -> Rule.METADATA_BLOCK_SIZE;
      case DATA_BLOCK_SIZE -> Rule.DATA_BLOCK_SIZE;
      case FEATURE_FLAGS -> Rule.FEATURE_FLAGS;
      case METADATA_SPACE_MAP_SIZE, DATA_SPACE_MAP_SIZE -> Rule.SPACE_MAP_SIZE;
      case SNAPSHOT_ROOTS -> Rule.SNAPSHOT_ROOTS;
    };
  }
}
