package io.powercut.thin.check;

/**
 * The rules {@link MetadataChecker} enforces; {@link Problem#rule()} holds one's {@link #id()}. The
 * package documentation says what each rule checks and how severe a break is.
 */
public enum Rule {
  CHECKSUM("checksum"),
  BLOCKNR("blocknr"),
  MAGIC("magic"),
  VERSION("version"),
  METADATA_BLOCK_SIZE("metadata block size"),
  DATA_BLOCK_SIZE("data block size"),
  FEATURE_FLAGS("feature flags"),
  SPACE_MAP_SIZE("space map size"),
  BLOCK_RANGE("block in range"),
  BLOCK_TYPE("block type"),
  NODE_FLAGS("node flags"),
  VALUE_SIZE("value size"),
  MAX_ENTRIES("max entries"),
  NR_ENTRIES("nr entries"),
  OCCUPANCY("occupancy"),
  KEY_ORDER("key order"),
  KEY_RANGE("key range"),
  TREE_DEPTH("tree depth"),
  NODE_REVISITED("node reached twice"),
  DATA_BLOCK_RANGE("mapping beyond data device"),
  MAPPING_TIME("mapping time"),
  MAPPED_BLOCKS("mapped blocks"),
  DEVICE_SET("device set"),
  DEVICE_COUNT("device count"),
  METADATA_COUNT("metadata ref count"),
  DATA_COUNT("data ref count"),
  NR_ALLOCATED("nr allocated"),
  NR_FREE("nr free"),
  OVERFLOW("overflow ref count"),
  BITMAP_TAIL("bitmap tail"),
  INDEX_ENTRY("index entry"),
  SNAPSHOT_ROOTS("snapshot roots"),
  SNAPSHOT_TREES("snapshot trees");

  private final String id;

  Rule(String id) {
    this.id = id;
  }

  /** The short name used in reports, e.g. "key order". */
  public String id() {
    return id;
  }
}
