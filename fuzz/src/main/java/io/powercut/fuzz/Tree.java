package io.powercut.fuzz;

import io.powercut.pdata.sm.IndexEntry;
import io.powercut.thin.DeviceDetails;

/** The B-trees of a dm-thin pool, by what their leaves hold. */
public enum Tree {
  /** Device id to {@link DeviceDetails}. */
  DETAILS(DeviceDetails.SIZE),
  /** Mapping tree, top level: device id to the root of its mapping subtree. */
  MAPPING_TOP(Long.BYTES),
  /** Mapping tree, bottom level: virtual block to a packed block_time. */
  MAPPING(Long.BYTES),
  /** Data space map index: bitmap number to {@link IndexEntry}. */
  DATA_INDEX(IndexEntry.SIZE),
  /** Data space map overflow counts: data block to a le32 count. */
  DATA_REF_COUNTS(Integer.BYTES),
  /** Metadata space map overflow counts: metadata block to a le32 count. */
  METADATA_REF_COUNTS(Integer.BYTES);

  private final int valueSize;

  Tree(int valueSize) {
    this.valueSize = valueSize;
  }

  /** The size of a leaf value. */
  public int valueSize() {
    return valueSize;
  }
}
