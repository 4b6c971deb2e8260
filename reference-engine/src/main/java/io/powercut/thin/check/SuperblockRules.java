package io.powercut.thin.check;

import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.thin.BlockTime;
import io.powercut.thin.Superblock;

/**
 * The superblock's field rules, for block 0 and for the metadata snapshot's copy, and the number of
 * metadata blocks pointers may name.
 */
final class SuperblockRules {
  private static final String PATH = "superblock";

  private SuperblockRules() {}

  /**
   * Checks block 0's fields (its checksum is already good) and returns the pointer limit: the
   * metadata space map's size, or the device size if that size is unusable.
   */
  static long check(Superblock sb, long deviceBlocks, ProblemLog log) {
    if (sb.blocknr() != Superblock.LOCATION) {
      log.fatal(0, Rule.BLOCKNR, ProblemLog.expected(Superblock.LOCATION, sb.blocknr()), PATH);
    }
    checkMagic(0, sb, log, PATH);
    checkFormat(0, sb, log, PATH);
    long limit = metadataLimit(sb.metadataSpaceMapRoot(), deviceBlocks, log);
    long maxData = BlockTime.MAX_DATA_BLOCK + 1;
    if (Long.compareUnsigned(sb.dataSpaceMapRoot().nrBlocks(), maxData) > 0) {
      log.fatal(
          0,
          Rule.SPACE_MAP_SIZE,
          "data space map nr_blocks: "
              + ProblemLog.expected(
                  "<= 2^40", Long.toUnsignedString(sb.dataSpaceMapRoot().nrBlocks())),
          PATH);
    }
    return limit;
  }

  private static long metadataLimit(SpaceMapRoot root, long deviceBlocks, ProblemLog log) {
    long max = Math.min(deviceBlocks, MetadataIndexBlock.MAX_METADATA_BLOCKS);
    long n = root.nrBlocks();
    if (n <= 0 || n > max) {
      log.fatal(
          0,
          Rule.SPACE_MAP_SIZE,
          "metadata space map nr_blocks: "
              + ProblemLog.expected(
                  "1.." + max + " (the device has " + deviceBlocks + " blocks)",
                  Long.toUnsignedString(n)),
          PATH);
      return max;
    }
    return n;
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
   * Checks the metadata snapshot's superblock copy at {@code held} (its checksum is already good):
   * it names its own location, has the format fields a reader needs (the dumper refuses a copy
   * without them) and carries zeroed space-map roots.
   */
  static void checkSnapshotCopy(long held, Superblock copy, ProblemLog log, String path) {
    if (copy.blocknr() != held) {
      log.fatal(
          held,
          Rule.BLOCKNR,
          "metadata snapshot superblock: " + ProblemLog.expected(held, copy.blocknr()),
          path);
    }
    checkMagic(held, copy, log, path);
    checkFormat(held, copy, log, path);
    if (!copy.dataSpaceMapRoot().equals(SpaceMapRoot.ZERO)
        || !copy.metadataSpaceMapRoot().equals(SpaceMapRoot.ZERO)) {
      log.fatal(
          held,
          Rule.SNAPSHOT_ROOTS,
          ProblemLog.expected(
              "zeroed space map roots",
              "data " + copy.dataSpaceMapRoot() + ", metadata " + copy.metadataSpaceMapRoot()),
          path);
    }
  }

  /** The fields without which no reader can use the superblock at {@code b}. */
  private static void checkFormat(long b, Superblock sb, ProblemLog log, String path) {
    if (sb.version() < Superblock.MIN_VERSION || sb.version() > Superblock.MAX_VERSION) {
      log.fatal(
          b,
          Rule.VERSION,
          ProblemLog.expected(Superblock.MIN_VERSION + ".." + Superblock.MAX_VERSION, sb.version()),
          path);
    }
    if (sb.metadataBlockSize() != Superblock.METADATA_BLOCK_SECTORS) {
      log.fatal(
          b,
          Rule.METADATA_BLOCK_SIZE,
          ProblemLog.expected(
              Superblock.METADATA_BLOCK_SECTORS + " sectors", sb.metadataBlockSize()),
          path);
    }
    if (sb.dataBlockSize() == 0) {
      log.fatal(b, Rule.DATA_BLOCK_SIZE, ProblemLog.expected("> 0 sectors", 0), path);
    }
    if (sb.compatRoFlags() != 0 || sb.incompatFlags() != 0) {
      log.fatal(
          b,
          Rule.FEATURE_FLAGS,
          ProblemLog.expected(
              "no unknown compat_ro or incompat flags",
              "compat_ro 0x"
                  + Long.toHexString(sb.compatRoFlags())
                  + ", incompat 0x"
                  + Long.toHexString(sb.incompatFlags())),
          path);
    }
  }

  private static void checkMagic(long b, Superblock sb, ProblemLog log, String path) {
    if (sb.magic() != Superblock.MAGIC) {
      log.fatal(b, Rule.MAGIC, ProblemLog.expected(Superblock.MAGIC, sb.magic()), path);
    }
  }
}
