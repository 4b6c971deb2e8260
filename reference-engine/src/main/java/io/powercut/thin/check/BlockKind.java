package io.powercut.thin.check;

/**
 * What a metadata block is used as. A block has one kind: reaching it again as another kind means
 * two structures claim it. Only nodes of the thin trees may be shared (by snapshots and by the
 * metadata snapshot); every space-map block has exactly one owner.
 */
enum BlockKind {
  SUPERBLOCK("superblock", false),
  SNAPSHOT_SUPERBLOCK("metadata snapshot superblock", false),
  METADATA_INDEX("metadata space map index", false),
  METADATA_BITMAP("metadata space map bitmap", false),
  METADATA_REF_COUNT_NODE("metadata ref-count tree node", false),
  DATA_INDEX_NODE("data space map index tree node", false),
  DATA_BITMAP("data space map bitmap", false),
  DATA_REF_COUNT_NODE("data ref-count tree node", false),
  DETAILS_NODE("device details tree node", true),
  TOP_MAPPING_NODE("mapping tree top-level node", true),
  DEVICE_MAPPING_NODE("device mapping tree node", true);

  final String description;
  final boolean shareable;

  BlockKind(String description, boolean shareable) {
    this.description = description;
    this.shareable = shareable;
  }
}
