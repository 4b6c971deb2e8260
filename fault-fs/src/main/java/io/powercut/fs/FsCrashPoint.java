package io.powercut.fs;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A power loss at one position of a {@link FileOpLog} under a {@link PersistenceMode}: the durable
 * operations, the pending ones a power loss may drop, and the image each {@link FsCrashState}
 * leaves. Built once per position and shared by every state checked there; the replay of what
 * precedes the first pending operation is done once, so an image costs only the rest of the log.
 * Valid forever: the log is append-only and the initial image never changes.
 */
public final class FsCrashPoint {
  private final InodeTree initial;
  private final FileOpLog log;
  private final int position;
  private final PersistenceMode mode;
  private final List<FileOp> ops;
  private final PendingSet pendingSet;
  private final int[] pending;
  private InodeTree base;

  FsCrashPoint(InodeTree initial, FileOpLog log, int position, PersistenceMode mode) {
    log.checkPosition(position);
    this.initial = initial;
    this.log = log;
    this.position = position;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.ops = log.prefix(position);
    this.pendingSet = PendingSet.of(ops, mode);
    this.pending = pendingSet.pending();
  }

  public int position() {
    return position;
  }

  public PersistenceMode mode() {
    return mode;
  }

  public FileOpLog log() {
    return log;
  }

  /** The log indices of the operations a power loss here may drop, ascending. */
  public int[] pending() {
    return pending.clone();
  }

  public int pendingCount() {
    return pending.length;
  }

  /** Whether entry {@code index} is a mutation that survives every power loss here. */
  public boolean isDurable(int index) {
    checkIndex(index);
    return pendingSet.isDurable(index);
  }

  /** Whether entry {@code index} is a mutation a power loss here may drop. */
  public boolean isPending(int index) {
    checkIndex(index);
    return pendingSet.slotOf(index) >= 0;
  }

  /** The state in which every pending operation survives: what a clean shutdown leaves. */
  public FsCrashState allSurvive() {
    boolean[] all = new boolean[pending.length];
    Arrays.fill(all, true);
    return stateOf(all).build();
  }

  /** The state in which every pending operation is lost: only the durable ones remain. */
  public FsCrashState noneSurvive() {
    return FsCrashState.at(position).build();
  }

  /**
   * The image a power loss in {@code state} leaves. Throws {@link IllegalArgumentException} if the
   * state does not fit this point: another position, a range end that is not pending here, a
   * survivor set the mode forbids (ORDERED: metadata that is not a prefix, a replacing rename
   * without the writes it flushes; IN_ORDER: anything that is not a prefix), or a tear that is not
   * of a surviving multi-sector write.
   */
  public FsImage image(FsCrashState state) {
    boolean[] survive = survivorsOf(state);
    InodeTree tree = base().copy();
    int from = pending.length == 0 ? position : pending[0];
    for (int i = from; i < position; i++) {
      FileOp op = ops.get(i);
      int slot = pendingSet.slotOf(i);
      if (op.isMutation() && (pendingSet.isDurable(i) || (slot >= 0 && survive[slot]))) {
        tree.apply(op, state.tears().get(i));
      }
    }
    return tree.toImage();
  }

  /**
   * A fresh, independent file system holding the image of {@code state}, with an empty log: an
   * engine reopened on it runs, and may crash again, like on a rebooted machine.
   */
  public CrashFileSystem materialize(FsCrashState state) {
    return CrashFileSystem.of(image(state));
  }

  /** The survivor flags over {@link #pending()} as the state they stand for. */
  FsCrashState.Builder stateOf(boolean[] survive) {
    FsCrashState.Builder b = FsCrashState.at(position);
    // One range per run of consecutive pending operations keeps tokens short.
    for (int i = 0; i < survive.length; i++) {
      if (survive[i]) {
        int j = i;
        while (j + 1 < survive.length && survive[j + 1]) {
          j++;
        }
        b.survive(pending[i], pending[j]);
        i = j;
      }
    }
    return b;
  }

  PendingSet pendingSet() {
    return pendingSet;
  }

  FileOp op(int index) {
    return ops.get(index);
  }

  private boolean[] survivorsOf(FsCrashState state) {
    if (state.position() != position) {
      throw new IllegalArgumentException(
          "expected a state at position " + position + ", got " + state);
    }
    boolean[] survive = new boolean[pending.length];
    int[] ranges = state.ranges();
    for (int k = 0; k < ranges.length; k += 2) {
      int from = slotOrThrow(ranges[k], state);
      int to = slotOrThrow(ranges[k + 1], state);
      Arrays.fill(survive, from, to + 1, true);
    }
    boolean[] valid = pendingSet.normalize(survive);
    for (int k = 0; k < survive.length; k++) {
      if (valid[k] != survive[k]) {
        throw new IllegalArgumentException(
            "state "
                + state
                + " is not a "
                + mode
                + " crash: entry "
                + log.describe(pending[k])
                + (survive[k]
                    ? " survives after an earlier "
                        + (mode == PersistenceMode.IN_ORDER ? "" : "metadata ")
                        + "operation was lost"
                    : " is lost though a surviving rename flushed it"));
      }
    }
    for (var tear : state.tears().entrySet()) {
      checkTear(state, tear.getKey(), tear.getValue(), survive);
    }
    return survive;
  }

  private void checkTear(FsCrashState state, int index, BigInteger mask, boolean[] survive) {
    if (!pendingSet.mayTear(index, survive)) {
      throw new IllegalArgumentException(
          "state "
              + state
              + ": expected a tear of a surviving pending write of 2 or more sectors, got entry "
              + log.describe(index));
    }
    int sectors = FsCrashState.sectorsOf((FileOp.Write) ops.get(index));
    if (mask.bitLength() > sectors || mask.bitCount() == sectors) {
      throw new IllegalArgumentException(
          "state "
              + state
              + ": expected a partial mask of "
              + sectors
              + " sectors for write "
              + index
              + ", got "
              + mask.toString(16));
    }
  }

  private int slotOrThrow(int index, FsCrashState state) {
    int slot = pendingSet.slotOf(index);
    if (slot < 0) {
      throw new IllegalArgumentException(
          "state "
              + state
              + ": expected a pending operation at "
              + position
              + " in "
              + mode
              + ", got entry "
              + log.describe(index));
    }
    return slot;
  }

  private synchronized InodeTree base() {
    if (base == null) {
      InodeTree tree = initial.copy();
      int to = pending.length == 0 ? position : pending[0];
      // Everything before the first pending operation is durable: replayed once per point.
      for (int i = 0; i < to; i++) {
        if (ops.get(i).isMutation()) {
          tree.apply(ops.get(i), null);
        }
      }
      base = tree;
    }
    return base;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= position) {
      throw new IllegalArgumentException(
          "expected an entry index in [0, " + position + "), got " + index);
    }
  }

  @Override
  public String toString() {
    return "FsCrashPoint[position " + position + ", " + mode + ", " + pending.length + " pending]";
  }
}
