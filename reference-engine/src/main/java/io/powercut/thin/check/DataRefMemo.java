package io.powercut.thin.check;

import io.powercut.pdata.block.Checksum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The data reference counts of one check, carried into the next by a caller that checks many images
 * sharing most of their blocks (the crash states of an exploration, one after another): a mapping
 * leaf whose block holds the same bytes as in the check before is neither decoded nor counted
 * again; only the difference between the two checks' sets of leaves is applied to the counts.
 * Counting every mapping was the largest single cost of judging a crash state of a pool of a
 * thousand mappings.
 *
 * <p>A check with a memo reports exactly what it reports without one ({@code DataRefMemoTest}
 * checks crash states and damaged images both ways). A leaf is known by its block and its whole
 * contents (the stored checksum finds the candidate, the bytes confirm it). A check that fails
 * before its counts are final (a read error) leaves the memo empty, and a check of a data device of
 * another size starts it afresh; when two checks' leaves differ by more references than the new one
 * holds, its counts are made afresh. Memory is a copy of each leaf of the last check and of at most
 * {@link #MAX_LEAVES} others; a pool of more leaves than that is checked without the memo from then
 * on.
 *
 * <p>A memo serves the first thread that checks with it; a check on any other thread runs as
 * without one, so a memo shared by mistake costs speed, never a wrong count.
 */
public final class DataRefMemo {
  /**
   * Decoded leaves kept beyond those the counts hold, at most: the recoveries of one crash point
   * alternate between the old and the new commit, whose leaves both stay decoded (4 MiB of copies).
   */
  static final int MAX_LEAVES = 1024;

  // By block and stored checksum (a metadata block number fits 32 bits), so that two contents of
  // one block, alternating, both stay; the bytes confirm a match.
  private final HashMap<Long, Leaf> byKey = new HashMap<>();
  private final int maxLeaves;
  private ArrayList<Leaf> counted = new ArrayList<>();
  private ArrayList<Leaf> visited = new ArrayList<>();
  private Thread owner;
  private long checks;
  private long reused;
  private RefCounter counter;
  private long covered;
  private long nrDataBlocks;
  private boolean open;
  private boolean tooLarge;

  public DataRefMemo() {
    this(MAX_LEAVES);
  }

  /** With another cap on the leaves kept, for tests. */
  DataRefMemo(int maxLeaves) {
    this.maxLeaves = maxLeaves;
  }

  /** A valid mapping leaf as a check met it, with the data blocks it counts. */
  private static final class Leaf {
    final long key;
    final byte[] bytes;
    final LeafRefs refs = new LeafRefs();

    /** Times counted in the counter (once, as a check counts a leaf once, or never yet). */
    int times;

    /** Times met by the check numbered {@link #seenIn}. */
    int visits;

    long seenIn;

    Leaf(long block, byte[] node, int nr, long nrDataBlocks, long covered) {
      this.key = key(block, node);
      this.bytes = node.clone();
      refs.scan(node, nr, nrDataBlocks, covered);
    }

    boolean holds(byte[] node) {
      return Arrays.equals(bytes, node);
    }
  }

  private static long key(long block, byte[] node) {
    return block << 32 | (Checksum.stored(node) & 0xFFFF_FFFFL);
  }

  /**
   * The counting of one check whose data space map covers {@code covered} blocks of a data device
   * of {@code nrDataBlocks}; without this memo when called from a thread other than its owner's.
   */
  DataReferences begin(long covered, long nrDataBlocks) {
    if (!ownedByCaller() || tooLarge) {
      return new RefCounting(new RefCounter(covered));
    }
    if (open || counter == null || covered != this.covered || nrDataBlocks != this.nrDataBlocks) {
      reset(covered, nrDataBlocks);
    }
    open = true;
    checks++;
    return new Session();
  }

  /** Whether the calling thread owns this memo (the first to check with it does). */
  private synchronized boolean ownedByCaller() {
    if (owner == null) {
      owner = Thread.currentThread();
    }
    return owner == Thread.currentThread();
  }

  private void reset(long covered, long nrDataBlocks) {
    forget();
    this.counter = new RefCounter(covered);
    this.covered = covered;
    this.nrDataBlocks = nrDataBlocks;
  }

  private void forget() {
    byKey.clear();
    counted.clear();
    visited.clear();
    counter = null;
    open = false;
  }

  private final class Session implements DataReferences {
    private boolean finished;

    @Override
    public boolean countLeaf(long block, byte[] node, int nr, long nrData, long time) {
      if (nrData != nrDataBlocks) {
        throw new IllegalArgumentException(
            "data device of " + nrData + " blocks in a check begun for " + nrDataBlocks);
      }
      Leaf leaf = byKey.get(key(block, node));
      if (leaf == null || !leaf.holds(node)) {
        leaf = new Leaf(block, node, nr, nrDataBlocks, covered);
        byKey.put(leaf.key, leaf);
      } else {
        reused++;
      }
      if (leaf.seenIn != checks) {
        leaf.seenIn = checks;
        leaf.visits = 0;
        visited.add(leaf);
      }
      leaf.visits++;
      return leaf.refs.clean(time);
    }

    @Override
    public RefCounter finish() {
      long change = 0;
      long total = 0;
      for (Leaf leaf : counted) {
        change += leaf.seenIn == checks ? 0 : (long) leaf.times * leaf.refs.count();
      }
      for (Leaf leaf : visited) {
        change += (long) Math.abs(leaf.visits - leaf.times) * leaf.refs.count();
        total += (long) leaf.visits * leaf.refs.count();
      }
      if (change > total) {
        // Two images far apart (the first check, or a different workload): counting afresh is
        // cheaper than undoing one and redoing the other.
        counter = new RefCounter(covered);
        for (Leaf leaf : counted) {
          leaf.times = 0;
        }
      } else {
        for (Leaf leaf : counted) {
          if (leaf.seenIn != checks) {
            apply(leaf, -leaf.times);
            leaf.times = 0;
          }
        }
      }
      for (Leaf leaf : visited) {
        apply(leaf, leaf.visits - leaf.times);
        leaf.times = leaf.visits;
      }
      ArrayList<Leaf> last = counted;
      counted = visited;
      visited = last;
      visited.clear();
      finished = true;
      open = false;
      RefCounter counts = counter;
      if (counted.size() > maxLeaves) {
        // A pool this large is checked from scratch from now on: its copies would not stay small.
        tooLarge = true;
        forget();
      } else if (byKey.size() > maxLeaves) {
        byKey.values().removeIf(leaf -> leaf.times == 0);
      }
      return counts;
    }

    @Override
    public void close() {
      if (!finished) {
        forget();
      }
    }
  }

  /** Leaves met again with the same bytes, not decoded a second time (for tests). */
  long leavesReused() {
    return reused;
  }

  private void apply(Leaf leaf, int delta) {
    LeafRefs refs = leaf.refs;
    for (int d = delta; d > 0; d--) {
      for (int i = 0; i < refs.count(); i++) {
        counter.inc(refs.ref(i));
      }
    }
    for (int d = delta; d < 0; d++) {
      for (int i = 0; i < refs.count(); i++) {
        counter.dec(refs.ref(i));
      }
    }
  }
}
