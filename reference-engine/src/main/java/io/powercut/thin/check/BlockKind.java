package io.powercut.thin.check;

/**
 * What a metadata block is used as. A block has one kind: reaching it again as another kind means
 * two structures claim it. Only nodes of the thin trees are ever reached by more than one tree
 * (snapshots, the metadata snapshot); each space-map structure is walked once, so a second reach of
 * one of its blocks is a node reached twice within one tree.
 */
enum BlockKind {
  SUPERBLOCK("superblock"),
  SNAPSHOT_SUPERBLOCK("metadata snapshot superblock"),
  METADATA_INDEX("metadata space map index"),
  METADATA_BITMAP("metadata space map bitmap"),
  METADATA_REF_COUNT_NODE("metadata ref-count tree node"),
  DATA_INDEX_NODE("data space map index tree node"),
  DATA_BITMAP("data space map bitmap"),
  DATA_REF_COUNT_NODE("data ref-count tree node"),
  DETAILS_NODE("device details tree node"),
  TOP_MAPPING_NODE("mapping tree top-level node"),
  DEVICE_MAPPING_NODE("device mapping tree node");

  final String description;

  BlockKind(String description) {
    this.description = description;
  }
}
