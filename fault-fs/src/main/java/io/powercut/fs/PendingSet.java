package io.powercut.fs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classification of the entries before a crash position under a {@link PersistenceMode}: which
 * mutations are durable, which are pending (a power loss may drop them), and, for {@link
 * PersistenceMode#ORDERED}, how the pending ones constrain each other. Every loop runs over the
 * entries before the position once or twice.
 */
final class PendingSet {
  private final PersistenceMode mode;
  private final List<FileOp> ops;
  private final BitSet durable = new BitSet();
  private final int[] pending;
  // ORDERED only: a pending replacing rename (log index) to the pending writes it flushes first.
  private final HashMap<Integer, int[]> flushedBy = new HashMap<>();

  private PendingSet(List<FileOp> ops, PersistenceMode mode) {
    this.mode = mode;
    this.ops = ops;
    switch (mode) {
      case POSIX -> classifyPosix();
      case ORDERED -> classifyOrdered();
      case IN_ORDER -> classifyInOrder();
    }
    int[] out = new int[ops.size()];
    int n = 0;
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).isMutation() && !durable.get(i)) {
        out[n++] = i;
      }
    }
    pending = Arrays.copyOf(out, n);
    if (mode == PersistenceMode.ORDERED) {
      linkAutoDaAlloc();
    }
  }

  /** The classification of {@code ops}, the entries before the crash position. */
  static PendingSet of(List<FileOp> ops, PersistenceMode mode) {
    return new PendingSet(ops, mode);
  }

  boolean isDurable(int index) {
    return durable.get(index);
  }

  /** The log indices of the pending mutations, ascending. */
  int[] pending() {
    return pending;
  }

  /** The pending position of log index {@code index}, or a negative number. */
  int slotOf(int index) {
    return Arrays.binarySearch(pending, index);
  }

  /**
   * The nearest valid survivor set to {@code survive} (flags over {@link #pending()}): itself in
   * POSIX; in ORDERED, metadata cut at the first lost metadata operation and the writes a surviving
   * replacing rename flushes added; in IN_ORDER, everything cut at the first lost operation.
   */
  boolean[] normalize(boolean[] survive) {
    boolean[] out = survive.clone();
    if (mode == PersistenceMode.POSIX) {
      return out;
    }
    if (mode == PersistenceMode.IN_ORDER) {
      int lost = 0;
      while (lost < out.length && out[lost]) {
        lost++;
      }
      Arrays.fill(out, lost, out.length, false);
      return out;
    }
    boolean lost = false;
    for (int k = 0; k < out.length; k++) {
      if (ops.get(pending[k]).isMetadata()) {
        lost |= !out[k];
        out[k] &= !lost;
      }
    }
    for (int k = 0; k < out.length; k++) {
      int[] flushed = flushedBy.get(pending[k]);
      if (out[k] && flushed != null) {
        for (int w : flushed) {
          out[slotOf(w)] = true;
        }
      }
    }
    return out;
  }

  /** Whether pending write {@code index} may tear when {@code survive} survives. */
  boolean mayTear(int index, boolean[] survive) {
    if (!(ops.get(index) instanceof FileOp.Write w) || FsCrashState.sectorsOf(w) < 2) {
      return false;
    }
    if (mode == PersistenceMode.IN_ORDER) {
      return isLastSurvivor(slotOf(index), survive);
    }
    for (Map.Entry<Integer, int[]> e : flushedBy.entrySet()) {
      if (survive[slotOf(e.getKey())] && Arrays.binarySearch(e.getValue(), index) >= 0) {
        return false;
      }
    }
    return true;
  }

  // IN_ORDER: the write must end the surviving prefix.
  private static boolean isLastSurvivor(int slot, boolean[] survive) {
    for (int k = 0; k < survive.length; k++) {
      if (survive[k] != (k <= slot)) {
        return false;
      }
    }
    return true;
  }

  private void classifyInOrder() {
    int barrier = -1;
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i) instanceof FileOp.Force || ops.get(i) instanceof FileOp.DirSync) {
        barrier = i;
      }
    }
    for (int i = 0; i < barrier; i++) {
      durable.set(i, ops.get(i).isMutation());
    }
  }

  private void classifyPosix() {
    HashMap<Long, Integer> lastForce = new HashMap<>();
    HashMap<Long, Integer> lastDirSync = new HashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      FileOp op = ops.get(i);
      if (op instanceof FileOp.Force f) {
        lastForce.put(f.inode(), i);
      } else if (op instanceof FileOp.DirSync d) {
        lastDirSync.put(d.inode(), i);
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      FileOp op = ops.get(i);
      boolean d;
      if (op instanceof FileOp.Write w) {
        d = after(lastForce, w.inode(), i);
      } else if (op instanceof FileOp.Truncate t) {
        d = after(lastForce, t.inode(), i);
      } else if (op instanceof FileOp.Rename r) {
        d = after(lastDirSync, r.fromParent(), i) && after(lastDirSync, r.toParent(), i);
      } else {
        d = op.isMutation() && after(lastDirSync, directoryOf(op), i);
      }
      durable.set(i, d);
    }
  }

  private void classifyOrdered() {
    HashMap<Long, Integer> lastMeta = new HashMap<>();
    HashMap<Long, Integer> lastForce = new HashMap<>();
    int committed = 0;
    for (int i = 0; i < ops.size(); i++) {
      FileOp op = ops.get(i);
      if (op.isMetadata()) {
        for (long touched : touchedBy(op)) {
          lastMeta.put(touched, i);
        }
      } else if (op instanceof FileOp.Force f) {
        lastForce.put(f.inode(), i);
        committed = Math.max(committed, lastMeta.getOrDefault(f.inode(), -1) + 1);
      } else if (op instanceof FileOp.DirSync s) {
        committed = Math.max(committed, lastMeta.getOrDefault(s.inode(), -1) + 1);
      }
    }
    // auto_da_alloc: a committed replacing rename had the renamed file's data flushed before it.
    HashMap<Long, Integer> lastFlushingRename = new HashMap<>();
    for (int i = 0; i < committed; i++) {
      if (ops.get(i) instanceof FileOp.Rename r && r.replaced()) {
        lastFlushingRename.put(r.inode(), i);
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      FileOp op = ops.get(i);
      if (op instanceof FileOp.Write w) {
        durable.set(i, after(lastForce, w.inode(), i) || after(lastFlushingRename, w.inode(), i));
      } else {
        durable.set(i, op.isMetadata() && i < committed);
      }
    }
  }

  private void linkAutoDaAlloc() {
    HashMap<Long, List<Integer>> pendingWrites = new HashMap<>();
    for (int index : pending) {
      FileOp op = ops.get(index);
      if (op instanceof FileOp.Write w) {
        pendingWrites.computeIfAbsent(w.inode(), k -> new ArrayList<>()).add(index);
      } else if (op instanceof FileOp.Rename r && r.replaced()) {
        List<Integer> writes = pendingWrites.getOrDefault(r.inode(), List.of());
        flushedBy.put(index, writes.stream().mapToInt(Integer::intValue).toArray());
      }
    }
  }

  private static boolean after(Map<Long, Integer> last, long inode, int index) {
    Integer at = last.get(inode);
    return at != null && at > index;
  }

  private static long directoryOf(FileOp op) {
    if (op instanceof FileOp.Create c) {
      return c.parent();
    }
    if (op instanceof FileOp.Mkdir m) {
      return m.parent();
    }
    return ((FileOp.Delete) op).parent();
  }

  // The inodes (files and directories) whose on-disk metadata the operation changes.
  private static long[] touchedBy(FileOp op) {
    if (op instanceof FileOp.Create c) {
      return new long[] {c.parent(), c.inode()};
    }
    if (op instanceof FileOp.Mkdir m) {
      return new long[] {m.parent(), m.inode()};
    }
    if (op instanceof FileOp.Delete d) {
      return new long[] {d.parent(), d.inode()};
    }
    if (op instanceof FileOp.Rename r) {
      return new long[] {r.fromParent(), r.toParent(), r.inode()};
    }
    return new long[] {((FileOp.Truncate) op).inode()};
  }
}
