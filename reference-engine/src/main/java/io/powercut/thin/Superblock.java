package io.powercut.thin;

import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.block.Validator;
import io.powercut.pdata.sm.SpaceMapRoot;
import java.util.Arrays;

/**
 * The dm-thin pool superblock (block 0, and the metadata-snapshot copy), and the one owner of its
 * on-disk layout. The 364-byte struct sits in the first sector so that its write is atomic; the
 * checksum still covers the whole block.
 */
public record Superblock(
    long flags,
    long blocknr,
    byte[] uuid,
    long magic,
    long version,
    long time,
    long transactionId,
    long heldRoot,
    SpaceMapRoot dataSpaceMapRoot,
    SpaceMapRoot metadataSpaceMapRoot,
    long dataMappingRoot,
    long deviceDetailsRoot,
    long dataBlockSize,
    long metadataBlockSize,
    long metadataNrBlocks,
    long compatFlags,
    long compatRoFlags,
    long incompatFlags) {

  public static final long LOCATION = 0;
  public static final long MAGIC = 27022010;
  public static final int CHECKSUM_SALT = 160774;

  /** The version this engine writes; 1 and 2 are read. */
  public static final long VERSION = 2;

  public static final long MIN_VERSION = 1;
  public static final long MAX_VERSION = 2;

  /** Flag bit set when the metadata must be checked before the pool is used. */
  public static final long NEEDS_CHECK = 1;

  /** Metadata block size in 512-byte sectors. */
  public static final long METADATA_BLOCK_SECTORS = 8;

  public static final int UUID_SIZE = 16;
  public static final int STRUCT_SIZE = 364;

  static final int FLAGS = 4;
  static final int BLOCKNR = 8;
  static final int UUID = 16;
  static final int MAGIC_OFF = 32;
  static final int VERSION_OFF = 40;
  static final int TIME = 44;
  static final int TRANS_ID = 48;
  static final int HELD_ROOT = 56;
  static final int DATA_SM_ROOT = 64;
  static final int METADATA_SM_ROOT = 192;
  static final int DATA_MAPPING_ROOT = 320;
  static final int DEVICE_DETAILS_ROOT = 328;
  static final int DATA_BLOCK_SIZE = 336;
  static final int METADATA_BLOCK_SIZE = 340;
  static final int METADATA_NR_BLOCKS = 344;
  static final int COMPAT_FLAGS = 352;
  static final int COMPAT_RO_FLAGS = 356;
  static final int INCOMPAT_FLAGS = 360;

  public Superblock {
    if (uuid.length != UUID_SIZE) {
      throw new IllegalArgumentException("uuid must be " + UUID_SIZE + " bytes");
    }
    uuid = uuid.clone();
  }

  @Override
  public byte[] uuid() {
    return uuid.clone();
  }

  /** Decodes the fields; the caller has validated the block. */
  public static Superblock read(byte[] d) {
    return new Superblock(
        Le.u32(d, FLAGS),
        Le.u64(d, BLOCKNR),
        Arrays.copyOfRange(d, UUID, UUID + UUID_SIZE),
        Le.u64(d, MAGIC_OFF),
        Le.u32(d, VERSION_OFF),
        Le.u32(d, TIME),
        Le.u64(d, TRANS_ID),
        Le.u64(d, HELD_ROOT),
        SpaceMapRoot.read(d, DATA_SM_ROOT),
        SpaceMapRoot.read(d, METADATA_SM_ROOT),
        Le.u64(d, DATA_MAPPING_ROOT),
        Le.u64(d, DEVICE_DETAILS_ROOT),
        Le.u32(d, DATA_BLOCK_SIZE),
        Le.u32(d, METADATA_BLOCK_SIZE),
        Le.u64(d, METADATA_NR_BLOCKS),
        Le.u32(d, COMPAT_FLAGS),
        Le.u32(d, COMPAT_RO_FLAGS),
        Le.u32(d, INCOMPAT_FLAGS));
  }

  /** Encodes every field into {@code d}; bytes past the struct are zeroed. */
  public void write(byte[] d) {
    Arrays.fill(d, Checksum.COVERED_FROM, d.length, (byte) 0);
    Le.putU32(d, FLAGS, flags);
    Le.putU64(d, BLOCKNR, blocknr);
    System.arraycopy(uuid, 0, d, UUID, UUID_SIZE);
    Le.putU64(d, MAGIC_OFF, magic);
    Le.putU32(d, VERSION_OFF, version);
    Le.putU32(d, TIME, time);
    Le.putU64(d, TRANS_ID, transactionId);
    Le.putU64(d, HELD_ROOT, heldRoot);
    dataSpaceMapRoot.write(d, DATA_SM_ROOT);
    metadataSpaceMapRoot.write(d, METADATA_SM_ROOT);
    Le.putU64(d, DATA_MAPPING_ROOT, dataMappingRoot);
    Le.putU64(d, DEVICE_DETAILS_ROOT, deviceDetailsRoot);
    Le.putU32(d, DATA_BLOCK_SIZE, dataBlockSize);
    Le.putU32(d, METADATA_BLOCK_SIZE, metadataBlockSize);
    Le.putU64(d, METADATA_NR_BLOCKS, metadataNrBlocks);
    Le.putU32(d, COMPAT_FLAGS, compatFlags);
    Le.putU32(d, COMPAT_RO_FLAGS, compatRoFlags);
    Le.putU32(d, INCOMPAT_FLAGS, incompatFlags);
  }

  /** The same superblock with the transaction fields replaced (what a commit writes). */
  public Superblock withCommit(
      long flags,
      long time,
      long transactionId,
      long heldRoot,
      SpaceMapRoot dataSm,
      SpaceMapRoot metadataSm,
      long mappingRoot,
      long detailsRoot) {
    return new Superblock(
        flags,
        blocknr,
        uuid,
        magic,
        version,
        time,
        transactionId,
        heldRoot,
        dataSm,
        metadataSm,
        mappingRoot,
        detailsRoot,
        dataBlockSize,
        metadataBlockSize,
        metadataNrBlocks,
        compatFlags,
        compatRoFlags,
        incompatFlags);
  }

  /** The superblock's checksum of {@code d}. */
  public static int checksum(byte[] d) {
    return Checksum.compute(d, CHECKSUM_SALT);
  }

  /**
   * The validator for superblocks: the kernel's checks (block number and magic, see {@link
   * SuperblockRules#identity}, then the checksum). With {@link ThinBug#CHECKSUM_BEFORE_LAST_FIELD}
   * it stamps a checksum computed before the transaction id was written.
   */
  public static Validator validator(Bugs bugs) {
    return bugs.has(ThinBug.CHECKSUM_BEFORE_LAST_FIELD) ? new EarlyChecksum() : CORRECT;
  }

  private static final Validator CORRECT = new SuperblockValidator();

  private static class SuperblockValidator implements Validator {
    @Override
    public String name() {
      return "superblock";
    }

    @Override
    public void check(long location, byte[] d) throws CorruptMetadataException {
      SuperblockRules.require(SuperblockRules.identity(location, read(d)), "");
      int stored = Checksum.stored(d);
      int computed = checksum(d);
      if (stored != computed) {
        throw CorruptMetadataException.expected(
            location,
            "superblock checksum",
            String.format("0x%08x", computed),
            String.format("0x%08x", stored),
            "");
      }
    }

    @Override
    public void prepareForWrite(long location, byte[] d) {
      Le.putU64(d, BLOCKNR, location);
      Checksum.stamp(d, CHECKSUM_SALT);
    }
  }

  /** Seeded bug: the checksum covers the transaction id as it was at the previous write. */
  private static final class EarlyChecksum extends SuperblockValidator {
    private long lastTransactionId = -1;

    @Override
    public void prepareForWrite(long location, byte[] d) {
      long current = Le.u64(d, TRANS_ID);
      if (location != LOCATION || lastTransactionId < 0) {
        super.prepareForWrite(location, d);
      } else {
        Le.putU64(d, TRANS_ID, lastTransactionId);
        super.prepareForWrite(location, d);
        Le.putU64(d, TRANS_ID, current);
      }
      if (location == LOCATION) {
        lastTransactionId = current;
      }
    }
  }
}
