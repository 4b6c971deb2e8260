package io.powercut.fuzz;

import io.powercut.pdata.sm.IndexEntry;
import io.powercut.thin.DeviceDetails;

/** The B-trees of a dm-thin pool, by what their leaves hold. */
public enum Tree {
  /** Device id to {@link DeviceDetails}. */
  DETAILS,
  /** Mapping tree, top level: device id to the root of its mapping subtree. */
  MAPPING_TOP,
  /** Mapping tree, bottom level: virtual block to a packed block_time. */
  MAPPING,
  /** Data space map index: bitmap number to {@link IndexEntry}. */
  DATA_INDEX,
  /** Data space map overflow counts: data block to a le32 count. */
  DATA_REF_COUNTS,
  /** Metadata space map overflow counts: metadata block to a le32 count. */
  METADATA_REF_COUNTS
}
