package io.powercut.pdata;

/**
 * The seeded bugs of persistent-data (block manager, transaction manager, B-trees, space maps):
 * crash-consistency and reference-counting defects modelled on real ones in Linux persistent-data.
 * The layers above declare their own.
 */
public enum PdataBug implements SeededBug {
  SUPERBLOCK_BEFORE_FLUSH(
      "commit writes the superblock without first flushing the blocks it points at",
      "a9d45396f595 dm transaction manager: fix corruption due to non-atomic transaction commit"),
  SUPERBLOCK_NOT_FLUSHED(
      "commit writes the superblock but never flushes it, so a finished commit can be lost",
      "missing REQ_FUA/PREFLUSH on the superblock write (bug class)"),
  REUSE_FREED_BLOCK(
      "the allocator searches only the current space map, so a block freed in this transaction"
          + " is reused before it commits",
      "4feaef830de7 dm space map common: fix to ensure new block isn't already in use"),
  DEC_BEFORE_SHARED_CHECK(
      "shadowing drops its reference to the original before asking whether it is shared, so a"
          + " block with two parents is copied without adding references to its children",
      "cebc2de44d3b dm space map metadata: fix refcount decrement below 0 (decrement-order class)"),
  SHADOW_SHARED_IN_PLACE(
      "shadowing writes a shared block (refcount > 1) in place instead of copying it",
      "copy-on-write skipped for a shared node (bug class)"),
  NO_INC_CHILDREN(
      "copying a shared node does not add a reference to its children",
      "b0dc3c8bc157 dm btree: add ref counting ops for the leaves of top level btrees"),
  REMOVE_SKIPS_LEAF_INC(
      "rebalancing during remove copies a shared leaf without adding references to its data blocks",
      "f046f89a99cc dm thin: fix discard corruption"),
  LIFO_BLOCK_OPS(
      "the metadata space map applies its queued recursive inc/dec operations last-in first-out",
      "cebc2de44d3b dm space map metadata: fix refcount decrement below 0 which caused corruption"),
  LOST_RECURSIVE_ALLOCATION(
      "an allocation made while the metadata space map is recursing is never counted",
      "metadata space-map recursion losing an allocation (7e664b3dec431e class)"),
  INDEX_NR_FREE_STALE(
      "a bitmap's index entry is not updated when a count goes between zero and non-zero",
      "space map index entry / nr_free not updated (bug class)"),
  REBALANCE_DROPS_ENTRY(
      "remove's three-way redistribution loses the last entry of the centre node",
      "b0988900bae9 dm persistent data: fix btree rebalancing after remove"),
  REBALANCE_UNDERFULL(
      "remove's two-way rebalance merges only below 2*(max/3)+1 entries, so an even split can"
          + " leave a node one entry under max/3 after the removal",
      "474e559567fa dm btree: increase rebalance threshold in __rebalance2()"),
  SPLIT_LOSES_MIN_KEY(
      "insert does not lower keys[0] of an internal node for a new minimum key after a root split",
      "bc68d0a43560 dm btree: fix serious bug in btree_split_beneath()"),
  BLOCKNR_NOT_STAMPED(
      "blocks are written with a checksum but without their own block number stamped",
      "prepare_for_write skipped on shadow copies (bug class)"),
  FREE_DATA_COUNT_OFF_BY_ONE(
      "the data space map's free count misses the first allocation of a transaction until the"
          + " commit (nothing on disk is wrong, and a reopen recomputes it)",
      "sm_disk_get_nr_free's nr_allocated_this_transaction accounting (in-core counter class)"),
  FREE_METADATA_COUNT_STALE(
      "the metadata space map's free count ignores this transaction's allocations until the"
          + " commit (the on-disk counts are right)",
      "sm_metadata_get_nr_free's allocated_this_transaction accounting (in-core counter class)");

  private final Facts facts;

  PdataBug(String description, String mirrors) {
    this.facts = new Facts(description, mirrors);
  }

  @Override
  public Facts facts() {
    return facts;
  }
}
