package io.powercut.thin.target;

import io.powercut.pdata.SeededBug;

/**
 * The seeded bugs of the pool target's data path: defects modelled on real ones in Linux {@code
 * dm-thin.c}, each switched on in one {@link ThinPool} by the {@code Bugs} it is opened with. The
 * metadata engine's bugs ({@code PdataBug}, {@code ThinBug}) cannot break the data path and these
 * cannot break the metadata, so only a data-level checker detects them; {@link TargetBugCatalog}
 * lists them after the engine's.
 */
public enum TargetBug implements SeededBug {
  METADATA_BEFORE_DATA_FLUSH(
      "a commit writes the metadata before flushing the data device, so a committed mapping can"
          + " point at data a power cut still loses",
      "dm thin: Flush data device before committing metadata (kernel 694cfe7f31db)"),
  PROVISION_FUA_IGNORED(
      "a FUA write that overwrites a whole unprovisioned or shared block completes without a"
          + " commit, so a power cut unmaps what it acknowledged",
      "dm thin: fix bug where bio that overwrites thin block ignores FUA (kernel 4ae280b4ee34)"),
  NO_ZERO_BEFORE_PARTIAL_WRITE(
      "a partial write to a newly provisioned block does not zero the rest of it, so the data of"
          + " the block's earlier owner shows through",
      "provision_block without schedule_zero: data leak between thin devices (bug class)"),
  BREAK_SHARING_NO_COPY(
      "breaking sharing writes the new block without copying the part of the shared block the"
          + " write does not cover",
      "break_sharing without schedule_copy of the untouched part (bug class)"),
  REMAP_BEFORE_COPY_DURABLE(
      "a provisioned block is mapped before its copy or zeroing is written, so a copy or zeroing"
          + " that fails leaves it mapped to a data block holding garbage",
      "mapping inserted before its data IO completes; dm-thin inserts it only on completion"
          + " (process_prepared_mapping, bug class)"),
  REUSE_FREED_DATA_BLOCK(
      "a data block a discard freed in this transaction is provisioned again before the commit,"
          + " so the committed mapping of its old owner shows the new owner's data",
      "data block reprovisioned while its old mapping may still be live: dm thin: fix a race"
          + " condition between discarding and provisioning a block (kernel 2a0fbffb1e50)"),
  PASSDOWN_SHARED(
      "a discard is passed down to the data device without asking whether another device (a"
          + " snapshot) still maps the data block",
      "passdown without dm_pool_block_is_shared (bug class; cf. dm thin: fix discard support to"
          + " a previously shared block)"),
  PASSDOWN_BEFORE_COMMIT(
      "a discard is passed down as soon as no device maps the data block in core, before the"
          + " commit that unmaps it: when another volume's uncommitted write had moved off the"
          + " block, a power cut leaves the last commit mapping that volume to discarded data",
      "process_prepared_discard_passdown_pt1 asks dm_pool_block_is_shared of the in-core space"
          + " map and discards at once (Linux dm-thin.c as read in v6.x; found by powercut's"
          + " thin-volume explore, seed 22; not confirmed on a running kernel)"),
  FLUSH_WITHOUT_COMMIT(
      "a FLUSH of a volume that changed goes to the data device without committing the metadata,"
          + " so a power cut unmaps what it acknowledged",
      "bio_triggers_commit ignoring REQ_PREFLUSH (bug class)");

  private final Facts facts;

  TargetBug(String description, String mirrors) {
    this.facts = new Facts(description, mirrors);
  }

  @Override
  public Facts facts() {
    return facts;
  }
}
