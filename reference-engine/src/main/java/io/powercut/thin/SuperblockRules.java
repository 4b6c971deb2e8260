package io.powercut.thin;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * The one owner of the superblock's field rules, for block 0 and the metadata snapshot's copy. Each
 * check returns every rule the superblock breaks, in a fixed order: the superblock validator, the
 * open path and the dumper refuse the first ({@link #require}), the strict checker reports them
 * all. The checksum is the validator's, checked on the raw block.
 */
public final class SuperblockRules {
  /**
   * A rule of the superblock's fields; its label names it in a {@link CorruptMetadataException}.
   */
  public enum Kind {
    BLOCKNR("superblock block number"),
    MAGIC("superblock magic"),
    VERSION("superblock version"),
    METADATA_BLOCK_SIZE("superblock metadata block size"),
    DATA_BLOCK_SIZE("superblock data block size"),
    FEATURE_FLAGS("superblock feature flags"),
    METADATA_SPACE_MAP_SIZE("metadata space map size"),
    DATA_SPACE_MAP_SIZE("data space map size"),
    SNAPSHOT_ROOTS("metadata snapshot space map roots");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One broken rule: which, in the superblock at {@code block}, and what it should have held. */
  public record Violation(Kind kind, long block, String expected, String actual) {
    /** "expected X, got Y". */
    public String detail() {
      return "expected " + expected + ", got " + actual;
    }

    public CorruptMetadataException toException(String path) {
      return new CorruptMetadataException(block, kind.label(), detail(), path);
    }
  }

  /**
   * Who reads the superblock. A reader that writes nothing (thin_dump) needs only the version, the
   * metadata block size and no incompatible feature; a pool that will write, as the kernel opens
   * it, also needs a data block size and no read-only-compatible feature it does not know.
   */
  private enum Use {
    READ,
    WRITE
  }

  private SuperblockRules() {}

  /**
   * Every rule of block 0 on a device of {@code deviceBlocks} blocks, as a pool that will write
   * needs it: identity, format and space-map sizes. The open path and the checker both use this.
   */
  public static List<Violation> block0(Superblock sb, long deviceBlocks) {
    List<Violation> out = identity(Superblock.LOCATION, sb);
    out.addAll(format(Superblock.LOCATION, sb, Use.WRITE));
    out.addAll(sizes(sb, deviceBlocks));
    return out;
  }

  /**
   * Every rule of the metadata snapshot's copy at {@code held}: identity, the format a writer needs
   * (the copy's trees are released by the pool), and zeroed space-map roots, since the space maps
   * are the live superblock's.
   */
  public static List<Violation> snapshotCopy(long held, Superblock copy) {
    List<Violation> out = identity(held, copy);
    out.addAll(format(held, copy, Use.WRITE));
    if (!copy.dataSpaceMapRoot().equals(SpaceMapRoot.ZERO)
        || !copy.metadataSpaceMapRoot().equals(SpaceMapRoot.ZERO)) {
      out.add(
          broken(
              Kind.SNAPSHOT_ROOTS,
              held,
              "zeroed space map roots",
              "data " + copy.dataSpaceMapRoot() + ", metadata " + copy.metadataSpaceMapRoot()));
    }
    return out;
  }

  /**
   * What a reader that writes nothing (a dump) needs of the superblock at {@code location}:
   * identity and the format; it reads no space map, so their sizes do not matter.
   */
  public static List<Violation> readable(long location, Superblock sb) {
    List<Violation> out = identity(location, sb);
    out.addAll(format(location, sb, Use.READ));
    return out;
  }

  /**
   * The fields a superblock at {@code location} names itself by, block number and magic: what the
   * superblock validator checks before the checksum.
   */
  public static List<Violation> identity(long location, Superblock sb) {
    List<Violation> out = new ArrayList<>(2);
    if (sb.blocknr() != location) {
      out.add(broken(Kind.BLOCKNR, location, location, Long.toUnsignedString(sb.blocknr())));
    }
    if (sb.magic() != Superblock.MAGIC) {
      out.add(broken(Kind.MAGIC, location, Superblock.MAGIC, Long.toUnsignedString(sb.magic())));
    }
    return out;
  }

  /** The fields without which {@code use} cannot read the superblock at {@code location}. */
  private static List<Violation> format(long location, Superblock sb, Use use) {
    List<Violation> out = new ArrayList<>(4);
    if (sb.version() < Superblock.MIN_VERSION || sb.version() > Superblock.MAX_VERSION) {
      out.add(
          broken(
              Kind.VERSION,
              location,
              Superblock.MIN_VERSION + ".." + Superblock.MAX_VERSION,
              sb.version()));
    }
    if (sb.metadataBlockSize() != Superblock.METADATA_BLOCK_SECTORS) {
      out.add(
          broken(
              Kind.METADATA_BLOCK_SIZE,
              location,
              Superblock.METADATA_BLOCK_SECTORS + " sectors",
              sb.metadataBlockSize()));
    }
    boolean writes = use == Use.WRITE;
    if (writes && sb.dataBlockSize() == 0) {
      out.add(broken(Kind.DATA_BLOCK_SIZE, location, "> 0 sectors", 0));
    }
    if (sb.incompatFlags() != 0 || (writes && sb.compatRoFlags() != 0)) {
      out.add(
          writes
              ? broken(
                  Kind.FEATURE_FLAGS,
                  location,
                  "no incompat or compat_ro flags (none is known)",
                  "incompat 0x"
                      + Long.toHexString(sb.incompatFlags())
                      + ", compat_ro 0x"
                      + Long.toHexString(sb.compatRoFlags()))
              : broken(
                  Kind.FEATURE_FLAGS,
                  location,
                  "no incompat flags (none is known)",
                  "incompat 0x" + Long.toHexString(sb.incompatFlags())));
    }
    return out;
  }

  /**
   * Block 0's space-map sizes on a device of {@code deviceBlocks} blocks: the metadata space map
   * covers 1 to {@link #maxMetadataBlocks} blocks, the data space map at most 2^40.
   */
  private static List<Violation> sizes(Superblock sb, long deviceBlocks) {
    assert deviceBlocks >= 0 : deviceBlocks;
    List<Violation> out = new ArrayList<>(2);
    long max = maxMetadataBlocks(deviceBlocks);
    long n = sb.metadataSpaceMapRoot().nrBlocks();
    if (n <= 0 || n > max) {
      out.add(
          broken(
              Kind.METADATA_SPACE_MAP_SIZE,
              Superblock.LOCATION,
              "1.." + max + " (the device has " + deviceBlocks + " blocks)",
              Long.toUnsignedString(n)));
    }
    long data = sb.dataSpaceMapRoot().nrBlocks();
    if (Long.compareUnsigned(data, BlockTime.MAX_DATA_BLOCK + 1) > 0) {
      out.add(
          broken(
              Kind.DATA_SPACE_MAP_SIZE,
              Superblock.LOCATION,
              "<= 2^40",
              Long.toUnsignedString(data)));
    }
    return out;
  }

  /** The most metadata blocks a space map can cover on a device of {@code deviceBlocks}. */
  public static long maxMetadataBlocks(long deviceBlocks) {
    return Math.min(deviceBlocks, MetadataIndexBlock.MAX_METADATA_BLOCKS);
  }

  /** Throws the first violation, if any, at {@code path}. */
  public static void require(List<Violation> violations, String path)
      throws CorruptMetadataException {
    if (!violations.isEmpty()) {
      throw violations.get(0).toException(path);
    }
  }

  private static Violation broken(Kind kind, long block, Object expected, Object actual) {
    return new Violation(kind, block, String.valueOf(expected), String.valueOf(actual));
  }
}
