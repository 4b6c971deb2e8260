package io.powercut.fs;

/**
 * What a power loss may do to a file system: which logged operations are durable at a crash, and
 * which combinations of the others may survive. In the style of ALICE (Pillai et al., OSDI'14) and
 * LazyFS (VLDB'24). Common to both modes:
 *
 * <ul>
 *   <li><b>Data.</b> A write is volatile until a later {@code force} of its file (by any channel or
 *       name). Volatile writes of a file survive as any subset (so reordered), applied in log
 *       order: where surviving writes overlap, the later wins. A write carries its own size
 *       extension (an appended region exists exactly when the write survives); with tearing enabled
 *       a surviving volatile write may land in only some of its 512-byte file sectors, the rest
 *       keeping the old bytes (or zeros past the old end).
 *   <li><b>fdatasync and fsync.</b> {@code force(false)} ({@code fdatasync}) makes every earlier
 *       write and truncate of the file durable, its size included: POSIX has fdatasync flush the
 *       metadata needed to read the data back, and Linux does, so a model that lost the size would
 *       accuse correct engines. {@code force(true)} ({@code fsync}) adds times, which images do not
 *       hold, so in both modes the two make the same things durable.
 *   <li><b>Names need their directory.</b> A file whose directory entry did not survive is gone
 *       with its data, forced or not: what no directory reaches from the root is not in the image.
 *   <li><b>Never invented.</b> Nothing durable is lost; no file holds bytes never written to it
 *       (extended regions read zeros); no name appears that no operation created.
 *   <li><b>Replay.</b> The image is the initial image with the durable and the surviving operations
 *       applied in log order; an operation that no longer fits (its directory or source is gone,
 *       its target a non-empty directory, a directory moved into itself) is skipped, as what a
 *       crash that lost its premise leaves. Files are inodes, so a write to a renamed or deleted
 *       open file goes to that file, as on Linux.
 * </ul>
 */
public enum PersistenceMode {
  /**
   * The weakest behaviour POSIX permits (and ext4 {@code data=writeback}, XFS, btrfs roughly show).
   *
   * <ul>
   *   <li>Writes and truncates of a file are durable once the file is forced, not before.
   *   <li>Create, mkdir and delete are durable once their parent directory is synced ({@code
   *       FileChannel.open(dir, READ).force(true)}, or {@link CrashFiles#syncDirectory}); a rename
   *       once both its directories are (one, within a directory). Forcing a new file does not make
   *       its name durable: that is the bug class of a missing directory fsync.
   *   <li>Every volatile operation, data or metadata, survives or not independently of the others.
   *       The conservative choice for a rename between two directories: it survives or is lost as a
   *       whole until both are synced (the half-rename with both or neither names is not modelled).
   * </ul>
   */
  POSIX,

  /**
   * ext4 {@code data=ordered} with its default {@code auto_da_alloc}, kept to what ext4 promises
   * and simplified only towards fewer guarantees:
   *
   * <ul>
   *   <li><b>One journal.</b> Metadata operations (create, mkdir, delete, rename, truncate) commit
   *       in log order: the volatile ones survive as a <em>prefix</em>, never a later one without
   *       an earlier one.
   *   <li><b>Commits.</b> Forcing a file, or syncing a directory, commits the journal up to the
   *       last metadata operation that touched it (a create, delete or rename touches the inode and
   *       its directories): everything before it in the journal is durable. So, unlike POSIX, an
   *       fsync of a new file makes its name durable.
   *   <li><b>Data</b> is not journaled and, with delayed allocation, not ordered with other
   *       metadata: a file created, written and renamed without a force may survive with its name
   *       and none of its data (ext4's zero-length file). Volatile writes survive as any subset, as
   *       in POSIX.
   *   <li><b>auto_da_alloc:</b> a rename that replaced an existing file flushes the renamed file's
   *       data first: if it survives, every earlier write to that file survives, whole (not torn).
   *       The truncate-to-zero heuristic of auto_da_alloc is not modelled (a guarantee left out).
   * </ul>
   *
   * Every ORDERED state is also a POSIX state: ORDERED only removes states.
   */
  ORDERED,

  /**
   * No reordering at all: one queue, written in the order asked, as a disk without a volatile cache
   * under a file system that journals everything would behave. Not a file system anyone should
   * assume; it is the model of bug reports that say "even without write reordering" (H2's #2067),
   * where a violation cannot be blamed on a reordering the engine never promised to survive.
   *
   * <ul>
   *   <li><b>A sync is a barrier.</b> Forcing any file or syncing any directory makes every earlier
   *       operation of the log durable.
   *   <li><b>A prefix survives.</b> The operations since the last barrier survive as a prefix of
   *       the log; with tearing enabled the last surviving write may be torn.
   * </ul>
   *
   * Every IN_ORDER state is also an ORDERED state.
   */
  IN_ORDER
}
