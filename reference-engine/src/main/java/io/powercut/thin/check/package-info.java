/**
 * The strict structural checker of dm-thin pool metadata ({@code ./powercut check}'s engine):
 * {@link io.powercut.thin.check.MetadataChecker#check} reads a metadata device and returns a {@link
 * io.powercut.thin.check.CheckReport} listing every {@link io.powercut.thin.check.Problem} it
 * finds. It checks everything the installed thin_check 0.9.0 checks, plus what 0.9.0 misses
 * (data-block reference counts, nr_allocated, nr_free, mappings beyond the data device,
 * mapped_blocks, devices present in only one tree, superblock magic and blocknr), in the spirit of
 * thin_check 1.x.
 *
 * <h2>How it works</h2>
 *
 * <p>One pass, reading each metadata block about once straight from the device: the superblock, the
 * metadata space map's index block and ref-count tree, the data space map's index tree and
 * ref-count tree, the device-details tree and the two-level mapping tree, then the metadata
 * snapshot's copy and its trees, and last every bitmap of both space maps, whose counts are
 * compared with the references the walk found. Trees are walked without recursion; every node is
 * descended at most once per check (a node shared by snapshots is counted again, not walked again),
 * so the walk ends quickly whatever the bytes say. Memory is about 9 bytes per block of the
 * metadata space map, plus one byte per data block in each bitmap-sized page that some mapping
 * touches (so never more than one byte per data block). Problems are collected (the first {@value
 * io.powercut.thin.check.MetadataChecker#MAX_PROBLEMS} listed, the rest counted), never thrown; the
 * only exception is an {@link java.io.IOException} from the device itself.
 *
 * <h2>Rules</h2>
 *
 * <p>Each rule's {@link io.powercut.thin.check.Rule#id() id} is in quotes. FATAL means the metadata
 * is unsafe to use; NON_FATAL means wasted or misreported space (thin_check's "non-fatal").
 *
 * <h3>Superblock (block 0)</h3>
 *
 * <ul>
 *   <li>"checksum" FATAL: CRC32C with the superblock salt. A bad superblock checksum stops the
 *       check (nothing else can be trusted), as in thin_check.
 *   <li>"blocknr" FATAL: the superblock's blocknr is 0.
 *   <li>"magic" FATAL: 27022010 (0.9.0 does not check it).
 *   <li>"version" FATAL: 1 or 2.
 *   <li>"metadata block size" FATAL: 8 sectors.
 *   <li>"data block size" FATAL: greater than 0.
 *   <li>"feature flags" FATAL: no compat_ro or incompat flag set (none is known).
 *   <li>"space map size" FATAL: the metadata space map covers 1 to min(device size, 4161600)
 *       blocks; the data space map at most 2^40 blocks, and no more bitmaps than the metadata
 *       device has blocks. Pointers are checked against the metadata space map's size.
 *   <li>"block in range" FATAL: every root (both space maps' index and ref-count roots, the details
 *       and mapping roots, the metadata snapshot) and every other pointer lies in [1, nr_blocks of
 *       the metadata space map).
 * </ul>
 *
 * <h3>Btree nodes (details tree, both mapping levels, data index tree, both ref-count trees)</h3>
 *
 * <ul>
 *   <li>"checksum" FATAL (node salt), then "blocknr" FATAL: the node names its own location.
 *   <li>"node flags" FATAL: exactly one of internal (1) and leaf (2).
 *   <li>"value size" FATAL: 8 in internal nodes; in leaves 24 (details), 8 (mapping levels), 16
 *       (data index), 4 (ref counts).
 *   <li>"max entries" FATAL: non-zero, a multiple of 3, and fits in the block with the value size.
 *   <li>"nr entries" FATAL: at most max_entries; at least 1 in an internal node.
 *   <li>"occupancy" FATAL: a non-root node holds at least max_entries/3 entries (the root of each
 *       tree and of each device's mapping tree is exempt).
 *   <li>"key order" FATAL: keys strictly increase within a node.
 *   <li>"key range" FATAL: a child's first key is at least its parent key, and its last key is
 *       below the parent's next key.
 *   <li>"tree depth" FATAL: at most 16 levels.
 *   <li>"node reached twice" FATAL: within one tree (the details tree, the top level, one device's
 *       tree, a space-map tree) no node is reached twice: that is a cycle or a node with two
 *       parents. Sharing between devices' trees (snapshots) and between the live trees and the
 *       metadata snapshot's is legal, and is counted without walking the node again.
 *   <li>"block type" FATAL: a block is used as one kind only (a superblock, an index block, a
 *       bitmap, or a node of one tree); only thin-tree nodes may be shared, and only by trees of
 *       their own kind.
 * </ul>
 *
 * <h3>Devices and mappings</h3>
 *
 * <ul>
 *   <li>"device set" FATAL: the details tree and the mapping tree's top level hold the same
 *       devices.
 *   <li>"device count" FATAL: at most 2^24 devices (dm-thin's id space), a bound on memory.
 *   <li>"mapped blocks" FATAL: each device's mapped_blocks equals the mappings its tree holds.
 *   <li>"mapping beyond data device" FATAL: every mapped data block is below the data space map's
 *       nr_blocks.
 *   <li>"mapping time" FATAL: no mapping's time is later than its superblock's time.
 * </ul>
 *
 * <h3>Space maps</h3>
 *
 * <ul>
 *   <li>"checksum" and "blocknr" FATAL for the metadata index block (its salt) and for every bitmap
 *       (bitmap salt).
 *   <li>"index entry" FATAL when a bitmap the map needs has no index entry; NON_FATAL for entries
 *       beyond the bitmaps needed.
 *   <li>"metadata ref count": every metadata block's count equals the references found: 1 for the
 *       superblock, the index block, each bitmap, each space-map tree node and the metadata
 *       snapshot's copy; for a thin-tree node, the number of pointers to it (parents, the roots in
 *       the superblock and in the snapshot copy, and device roots in the top level). Lower than the
 *       references: FATAL. Higher: NON_FATAL (a leak), as thin_check.
 *   <li>"data ref count": every data block's count equals the number of distinct mapping leaves
 *       that map it (a leaf shared by snapshots counts once). 1 where no leaf maps it is a
 *       NON_FATAL leak; any other difference is FATAL.
 *   <li>"overflow ref count": a bitmap entry of 3 has a ref-count tree entry of at least 3 (FATAL
 *       if missing or lower); a tree entry whose bitmap entry is below 3, or beyond the map, is
 *       NON_FATAL.
 *   <li>"nr allocated" NON_FATAL: the root's nr_allocated equals the number of non-zero counts.
 *   <li>"nr free" NON_FATAL: an index entry's nr_free equals its bitmap's free entries, counted
 *       over all 16320 entries (the kernel) or over those below nr_blocks (thin_restore 0.9.0).
 *       none_free_before is a search hint only and is not checked.
 *   <li>"bitmap tail" NON_FATAL: entries of the last bitmap past nr_blocks are 0.
 * </ul>
 *
 * <h3>Metadata snapshot (held_root != 0)</h3>
 *
 * <ul>
 *   <li>A superblock copy at held_root: "checksum", "blocknr" (equals held_root) and "magic",
 *       FATAL; "snapshot roots" FATAL: both space-map roots are zero.
 *   <li>Its two trees are always walked and their references counted, since their blocks are in
 *       use; their problems (all the rules above) are reported only with {@link
 *       io.powercut.thin.check.CheckOptions#metadataSnapshot()}, like {@code thin_check -m}.
 *   <li>"snapshot trees" FATAL, without that option: the snapshot's trees break a fatal rule (a
 *       damaged or illegal node, keys out of order or range...); this one problem names the first
 *       and stands for the details {@code -m} lists, so a broken snapshot never passes (thin_check
 *       rejects it too, and the kernel walks it on release).
 * </ul>
 *
 * <h2>Tolerated quirk of thin_restore 0.9.0</h2>
 *
 * <p>Restore leaves one empty leaf whose bitmap count is 0 while the metadata space map's
 * nr_allocated and that bitmap's nr_free still count it, and none_free_before above it. Such a
 * block is accepted when it is free, unreferenced, below none_free_before and holds a well-stamped
 * empty leaf, so clean restored images stay clean. Our engine never leaves a free block below
 * none_free_before, so the allowance cannot hide its bugs.
 *
 * <h2>Limits</h2>
 *
 * <p>A shared node's key range is checked against the parent that reached it first only. Within one
 * tree, a node reached both directly and beneath a node shared with an earlier tree (which is
 * counted, not walked again) is taken for sharing, not reported as having two parents.
 */
package io.powercut.thin.check;
