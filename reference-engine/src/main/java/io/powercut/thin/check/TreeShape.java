package io.powercut.thin.check;

import io.powercut.pdata.sm.IndexEntry;
import io.powercut.thin.DeviceDetails;

/** The btrees of a pool's metadata: what their nodes are and how big their leaf values are. */
enum TreeShape {
  DEVICE_DETAILS("device details tree", BlockKind.DETAILS_NODE, DeviceDetails.SIZE),
  /** Level 0 of the mapping tree: device id to the root of that device's tree. */
  TOP_MAPPING("mapping tree", BlockKind.TOP_MAPPING_NODE, 8),
  /** Level 1 of the mapping tree: virtual block to a block_time. */
  DEVICE_MAPPING("device mapping tree", BlockKind.DEVICE_MAPPING_NODE, 8),
  DATA_INDEX("data space map index tree", BlockKind.DATA_INDEX_NODE, IndexEntry.SIZE),
  /** Overflow counts (le32) of data blocks whose bitmap entry says "3 or more". */
  DATA_REF_COUNTS("data space map ref-count tree", BlockKind.DATA_REF_COUNT_NODE, 4),
  METADATA_REF_COUNTS("metadata space map ref-count tree", BlockKind.METADATA_REF_COUNT_NODE, 4);

  /** Value size of internal nodes: a child block number. */
  static final int INTERNAL_VALUE_SIZE = 8;

  final String description;
  final BlockKind kind;
  final int leafValueSize;

  TreeShape(String description, BlockKind kind, int leafValueSize) {
    this.description = description;
    this.kind = kind;
    this.leafValueSize = leafValueSize;
  }
}
