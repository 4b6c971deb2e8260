package io.powercut.fuzz;

import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.thin.Superblock;

/**
 * A field of the superblock, read and replaced through the {@link Superblock} and {@link
 * SpaceMapRoot} records, which own the layout.
 */
public enum SuperblockField {
  FLAGS(32, false),
  BLOCKNR(64, true),
  MAGIC(64, false),
  VERSION(32, false),
  TIME(32, false),
  TRANSACTION_ID(64, false),
  HELD_ROOT(64, true),
  DATA_NR_BLOCKS(64, false),
  DATA_NR_ALLOCATED(64, false),
  DATA_BITMAP_ROOT(64, true),
  DATA_REF_COUNT_ROOT(64, true),
  METADATA_NR_BLOCKS(64, false),
  METADATA_NR_ALLOCATED(64, false),
  METADATA_BITMAP_ROOT(64, true),
  METADATA_REF_COUNT_ROOT(64, true),
  DATA_MAPPING_ROOT(64, true),
  DEVICE_DETAILS_ROOT(64, true),
  DATA_BLOCK_SIZE(32, false),
  METADATA_BLOCK_SIZE(32, false),
  DEVICE_NR_BLOCKS(64, false),
  COMPAT_FLAGS(32, false),
  COMPAT_RO_FLAGS(32, false),
  INCOMPAT_FLAGS(32, false);

  private final int bits;
  private final boolean blockPointer;

  SuperblockField(int bits, boolean blockPointer) {
    this.bits = bits;
    this.blockPointer = blockPointer;
  }

  /** Width on disk. */
  public int bits() {
    return bits;
  }

  /** Whether the field names a metadata block. */
  public boolean blockPointer() {
    return blockPointer;
  }

  public long get(Superblock s) {
    return switch (this) {
      case FLAGS -> s.flags();
      case BLOCKNR -> s.blocknr();
      case MAGIC -> s.magic();
      case VERSION -> s.version();
      case TIME -> s.time();
      case TRANSACTION_ID -> s.transactionId();
      case HELD_ROOT -> s.heldRoot();
      case DATA_NR_BLOCKS -> s.dataSpaceMapRoot().nrBlocks();
      case DATA_NR_ALLOCATED -> s.dataSpaceMapRoot().nrAllocated();
      case DATA_BITMAP_ROOT -> s.dataSpaceMapRoot().bitmapRoot();
      case DATA_REF_COUNT_ROOT -> s.dataSpaceMapRoot().refCountRoot();
      case METADATA_NR_BLOCKS -> s.metadataSpaceMapRoot().nrBlocks();
      case METADATA_NR_ALLOCATED -> s.metadataSpaceMapRoot().nrAllocated();
      case METADATA_BITMAP_ROOT -> s.metadataSpaceMapRoot().bitmapRoot();
      case METADATA_REF_COUNT_ROOT -> s.metadataSpaceMapRoot().refCountRoot();
      case DATA_MAPPING_ROOT -> s.dataMappingRoot();
      case DEVICE_DETAILS_ROOT -> s.deviceDetailsRoot();
      case DATA_BLOCK_SIZE -> s.dataBlockSize();
      case METADATA_BLOCK_SIZE -> s.metadataBlockSize();
      case DEVICE_NR_BLOCKS -> s.metadataNrBlocks();
      case COMPAT_FLAGS -> s.compatFlags();
      case COMPAT_RO_FLAGS -> s.compatRoFlags();
      case INCOMPAT_FLAGS -> s.incompatFlags();
    };
  }

  /** {@code s} with this field set to {@code v} (cut to the field's width when written). */
  public Superblock with(Superblock s, long v) {
    SpaceMapRoot d = s.dataSpaceMapRoot();
    SpaceMapRoot m = s.metadataSpaceMapRoot();
    return new Superblock(
        this == FLAGS ? v : s.flags(),
        this == BLOCKNR ? v : s.blocknr(),
        s.uuid(),
        this == MAGIC ? v : s.magic(),
        this == VERSION ? v : s.version(),
        this == TIME ? v : s.time(),
        this == TRANSACTION_ID ? v : s.transactionId(),
        this == HELD_ROOT ? v : s.heldRoot(),
        new SpaceMapRoot(
            this == DATA_NR_BLOCKS ? v : d.nrBlocks(),
            this == DATA_NR_ALLOCATED ? v : d.nrAllocated(),
            this == DATA_BITMAP_ROOT ? v : d.bitmapRoot(),
            this == DATA_REF_COUNT_ROOT ? v : d.refCountRoot()),
        new SpaceMapRoot(
            this == METADATA_NR_BLOCKS ? v : m.nrBlocks(),
            this == METADATA_NR_ALLOCATED ? v : m.nrAllocated(),
            this == METADATA_BITMAP_ROOT ? v : m.bitmapRoot(),
            this == METADATA_REF_COUNT_ROOT ? v : m.refCountRoot()),
        this == DATA_MAPPING_ROOT ? v : s.dataMappingRoot(),
        this == DEVICE_DETAILS_ROOT ? v : s.deviceDetailsRoot(),
        this == DATA_BLOCK_SIZE ? v : s.dataBlockSize(),
        this == METADATA_BLOCK_SIZE ? v : s.metadataBlockSize(),
        this == DEVICE_NR_BLOCKS ? v : s.metadataNrBlocks(),
        this == COMPAT_FLAGS ? v : s.compatFlags(),
        this == COMPAT_RO_FLAGS ? v : s.compatRoFlags(),
        this == INCOMPAT_FLAGS ? v : s.incompatFlags());
  }
}
