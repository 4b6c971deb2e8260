package io.powercut.thin.check;

import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import java.io.IOException;

/**
 * Reads a space map's bitmaps (each once) and compares what they say with what the walk found:
 * every block's count against its references, overflow entries against bitmap entries of 3, each
 * index entry's nr_free against its bitmap, and the root's nr_allocated against the non-zero
 * counts.
 *
 * <p>Images written by thin_restore 0.9.0 carry a known quirk (FORMAT.md 7.3): a metadata block
 * left over as an empty leaf has bitmap count 0 while nr_allocated and its bitmap's nr_free still
 * count it as used, and none_free_before lies above it. Such a leftover is accepted only when it is
 * exactly that: free, unreferenced, below none_free_before, and holding a well-stamped empty leaf.
 * Our engine never leaves a free block below none_free_before, so this cannot hide its bugs.
 */
final class SpaceMapAudit {
  /** Most restore leftovers accepted in one bitmap (0.9.0 leaves one). */
  static final int MAX_LEFTOVERS = 4;

  private static final int ENTRIES = BitmapBlock.ENTRIES_PER_BLOCK;

  private final BlockReader reader;
  private final ProblemLog log;
  private final byte[] bitmap = new byte[BlockManager.BLOCK_SIZE];
  private final byte[] scratch = new byte[BlockManager.BLOCK_SIZE];
  private final long[] candidates = new long[MAX_LEFTOVERS + 1];

  SpaceMapAudit(BlockReader reader, ProblemLog log) {
    this.reader = reader;
    this.log = log;
  }

  /** What is audited, and how a count that disagrees with the references is judged. */
  record Target(
      String path,
      boolean metadata,
      SpaceMapRoot root,
      SpaceMapIndex index,
      boolean[] bitmapClaimed,
      OverflowTable overflow,
      long covered,
      RefCounter expected,
      boolean judgeSurplus) {}

  /**
   * Audits the first {@code covered} blocks of the map; {@code expected} is null when references
   * were not counted (skip-mappings), and then only the map's own consistency is checked. Without
   * {@code judgeSurplus} (part of the trees could not be walked, which is reported already) a count
   * above the references found is no evidence of a leak, and is not reported.
   */
  void audit(Target t) throws IOException {
    SpaceMapIndex index = t.index();
    boolean complete = t.covered() == t.root().nrBlocks();
    boolean[] readable = new boolean[index.nrBitmaps()];
    long nonZero = 0;
    long leftovers = 0;
    for (int i = 0; i < index.nrBitmaps(); i++) {
      long first = (long) i * ENTRIES;
      if (first >= t.covered()) {
        break;
      }
      String path = t.path() + " > bitmap " + i;
      long b = index.bitmap(i);
      if (!index.present(i) || !t.bitmapClaimed()[i]) {
        complete = false;
        continue;
      }
      reader.read(b, bitmap);
      if (!reader.stampValid(b, bitmap, BitmapBlock.CHECKSUM_SALT, "space map bitmap", path)) {
        complete = false;
        continue;
      }
      readable[i] = true;
      int entries = (int) Math.min(ENTRIES, t.covered() - first);
      BitmapCounts c = scan(t, first, entries, index.noneFreeBefore(i), path);
      nonZero += entries - c.free;
      int tailUsed = BitmapBlock.countUsed(bitmap, entries, ENTRIES);
      if (tailUsed > 0 && first + entries == t.root().nrBlocks()) {
        log.nonFatal(
            b,
            Rule.BITMAP_TAIL,
            tailUsed
                + " entries past nr_blocks "
                + t.root().nrBlocks()
                + " are in use, expected none",
            path);
      }
      long nrFree = index.nrFree(i);
      long freeAll = c.free + (ENTRIES - entries) - tailUsed;
      if (nrFree != c.free && nrFree != freeAll) {
        long k = c.free - nrFree;
        if (t.metadata() && k > 0 && k == c.candidates && restoreLeftovers(c.candidates)) {
          leftovers += k;
        } else {
          log.nonFatal(
              b,
              Rule.NR_FREE,
              "index entry "
                  + i
                  + ": "
                  + ProblemLog.expected(freeAll + " (or " + c.free + " below nr_blocks)", nrFree),
              path);
        }
      }
    }
    if (complete) {
      long allocated = t.root().nrAllocated();
      if (allocated != nonZero && allocated != nonZero + leftovers) {
        log.nonFatal(
            0,
            Rule.NR_ALLOCATED,
            ProblemLog.expected(nonZero + " (non-zero counts)", allocated),
            t.path());
      }
    }
    reportStrayOverflow(t, readable);
  }

  private static final class BitmapCounts {
    int free;
    int candidates;
  }

  /** Compares one bitmap's entries [0, entries), covering blocks from {@code first}. */
  private BitmapCounts scan(Target t, long first, int entries, long noneFreeBefore, String path) {
    BitmapCounts c = new BitmapCounts();
    RefCounter expected = t.expected();
    boolean noReferences = expected == null || expected.pageEmpty(first / RefCounter.PAGE);
    for (int e = 0; e < entries; e++) {
      // The common case, 32 entries at a time: counts below 3 that match the references (and, in
      // the metadata map, no free entry that could be a leftover of a restore).
      if ((e & 31) == 0 && e + BitmapBlock.ENTRIES_PER_WORD <= entries) {
        long w = BitmapBlock.word(bitmap, e);
        int free = BitmapBlock.freeInWord(w);
        if (!BitmapBlock.wordHasOverflow(w)
            && (expected == null || w == expected.word(first + e))
            && (!t.metadata() || free == 0 || e >= noneFreeBefore)) {
          c.free += free;
          e += BitmapBlock.ENTRIES_PER_WORD - 1;
          continue;
        }
      }
      int small = BitmapBlock.get(bitmap, e);
      long blk = first + e;
      if (small == 0) {
        c.free++;
        if (t.metadata()
            && e < noneFreeBefore
            && c.candidates <= MAX_LEFTOVERS
            && (expected == null || expected.get(blk) == 0)) {
          candidates[Math.min(c.candidates, MAX_LEFTOVERS)] = blk;
          c.candidates++;
        }
        if (noReferences) {
          continue;
        }
      }
      long count = small;
      if (small == BitmapBlock.OVERFLOW) {
        count = overflowCount(t, blk, path);
        if (count < 0) {
          continue;
        }
      }
      if (expected != null) {
        long want = noReferences ? 0 : expected.get(blk);
        if (count != want) {
          mismatch(t, blk, want, count, path);
        }
      }
    }
    return c;
  }

  /** The overflow count of a bitmap entry of 3, or -1 (reported) if the tree lacks a valid one. */
  private long overflowCount(Target t, long blk, String path) {
    int j = t.overflow().lookup(blk);
    if (j < 0) {
      log.fatal(
          blk, Rule.OVERFLOW, "bitmap says 3 or more but the ref-count tree has no entry", path);
      return -1;
    }
    long count = t.overflow().count(j);
    if (count < BitmapBlock.OVERFLOW) {
      log.fatal(
          blk, Rule.OVERFLOW, "bitmap says 3 or more: " + ProblemLog.expected(">= 3", count), path);
      return -1;
    }
    return count;
  }

  private void mismatch(Target t, long blk, long want, long count, String path) {
    if (count > want && !t.judgeSurplus()) {
      return;
    }
    Severity severity;
    Rule rule;
    String what;
    if (t.metadata()) {
      rule = Rule.METADATA_COUNT;
      severity = count < want ? Severity.FATAL : Severity.NON_FATAL;
      what = count < want ? "fewer than its references" : "leaked";
    } else {
      rule = Rule.DATA_COUNT;
      boolean leak = count == 1 && want == 0;
      severity = leak ? Severity.NON_FATAL : Severity.FATAL;
      what = leak ? "leaked" : "differs from the mapping leaves that point at it";
    }
    if (!log.keeping()) {
      log.skip(severity);
      return;
    }
    log.report(severity, blk, rule, what + ": " + ProblemLog.expected(want, count), path);
  }

  /** Whether every candidate below none_free_before is a well-stamped empty leaf. */
  private boolean restoreLeftovers(int n) throws IOException {
    if (n > MAX_LEFTOVERS) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      long b = candidates[i];
      if (b <= 0 || b >= reader.deviceBlocks()) {
        return false;
      }
      reader.read(b, scratch);
      if (!BlockReader.stamped(b, scratch, BTreeNode.CHECKSUM_SALT)
          || !BTreeNode.isLeaf(scratch)
          || BTreeNode.nrEntries(scratch) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Overflow entries no bitmap entry of 3 asked for. */
  private void reportStrayOverflow(Target t, boolean[] readable) {
    OverflowTable o = t.overflow();
    for (int j = 0; j < o.size(); j++) {
      if (o.used(j)) {
        continue;
      }
      long key = o.key(j);
      if (Long.compareUnsigned(key, t.root().nrBlocks()) >= 0) {
        log.nonFatal(
            key,
            Rule.OVERFLOW,
            "ref-count tree entry for a block beyond nr_blocks " + t.root().nrBlocks(),
            t.path());
      } else if (Long.compareUnsigned(key, t.covered()) < 0 && readable[(int) (key / ENTRIES)]) {
        log.nonFatal(
            key,
            Rule.OVERFLOW,
            "ref-count tree holds " + o.count(j) + " but the bitmap entry is below 3",
            t.path());
      }
    }
  }
}
