package io.powercut.thin;

import io.powercut.pdata.SeededBug;

/**
 * The seeded bugs of the thin layer (pool metadata, superblock, device details): defects modelled
 * on real ones in Linux dm-thin-metadata. {@link BugCatalog} lists them with persistent-data's.
 */
public enum ThinBug implements SeededBug {
  DETAILS_NOT_WRITTEN(
      "changed device details are not written to the details tree on commit",
      "in-core thin device details lost at commit (bug class)"),
  SNAPSHOT_KEEPS_TIME(
      "creating a snapshot does not advance the pool time, so shared blocks look unshared",
      "__create_snap without pmd->time++ (wrong shared flag)"),
  DELETE_LEAKS_SUBTREE(
      "deleting a device drops its top-level entry without releasing its mapping subtree",
      "delete not dropping subtree refcounts (leak class)"),
  TRANSACTION_ID_IN_PLACE(
      "set_transaction_id writes the live superblock in place instead of waiting for the commit",
      "userspace transaction id made durable without a commit (bug class)"),
  RELEASE_SNAP_LEAKS(
      "releasing the metadata snapshot drops the copied superblock but not the trees it holds",
      "dm thin metadata: delete btrees when releasing metadata snapshot (2015)"),
  METADATA_SNAP_UNCOMMITTED(
      "the metadata snapshot is taken without committing first",
      "dm thin: commit metadata before creating metadata snapshot (2013)"),
  DATA_RESIZE_NOT_PERSISTED(
      "growing the data device is not recorded in the superblock's data space-map root",
      "resize of the data space map not persisted (bug class)"),
  CHECKSUM_BEFORE_LAST_FIELD(
      "the superblock checksum is computed before the transaction id is written",
      "checksum stamped before the last field (bug class)");

  private final Facts facts;

  ThinBug(String description, String mirrors) {
    this.facts = new Facts(description, mirrors);
  }

  @Override
  public Facts facts() {
    return facts;
  }
}
