package io.powercut.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Objects;

/**
 * The ordered record of every completed IO of a run, in the spirit of Linux dm-log-writes: writes
 * (with their payloads), FUA writes, flushes, and free-text marks that the engine or the checker
 * inserts ("op 12 begin", "commit begin"). From the log alone, together with the initial image, the
 * state of the device at any point can be reconstructed and the run replayed exactly.
 *
 * <p>A <em>position</em> is an entry index: a crash at position {@code p} means entries {@code [0,
 * p)} completed and nothing after them was issued, so positions range over {@code [0, size()]}.
 *
 * <p>The log is append-only, which is what makes a {@link CrashPoint} built at a position valid
 * forever. Per-block version lists make the durable content of a block at any position a binary
 * search away.
 */
public final class IoLog {
  /** What one entry records. */
  public enum Kind {
    /** A write into the volatile cache: durable only after a later flush. */
    WRITE,
    /** A forced-unit-access write: durable when it completed. */
    FUA,
    /** A cache flush: every write before it is durable. */
    FLUSH,
    /** A free-text annotation; no IO. */
    MARK
  }

  /** The longest mark label, in UTF-8 bytes. */
  public static final int MAX_LABEL_BYTES = 1 << 16;

  /** The most entries a log holds; positions are ints and {@code size()} itself is a position. */
  public static final int MAX_ENTRIES = Integer.MAX_VALUE - 1;

  private record Entry(Kind kind, long block, byte[] payload, String label) {}

  private final BlockGeometry geometry;
  private final ArrayList<Entry> entries = new ArrayList<>();
  // Per block, the indices of its WRITE and FUA entries, ascending.
  private final HashMap<Long, IntList> versions = new HashMap<>();
  // Per block, the indices of its FUA entries only, ascending.
  private final HashMap<Long, IntList> fuas = new HashMap<>();
  private final IntList flushes = new IntList();

  public IoLog(int blockSize, long blockCount) {
    this(new BlockGeometry(blockSize, blockCount));
  }

  public IoLog(BlockGeometry geometry) {
    this.geometry = Objects.requireNonNull(geometry, "geometry");
  }

  public BlockGeometry geometry() {
    return geometry;
  }

  public int blockSize() {
    return geometry.blockSize();
  }

  public long blockCount() {
    return geometry.blockCount();
  }

  /** The number of entries, which is also the position just after the last one. */
  public int size() {
    return entries.size();
  }

  /** Appends a cached write of a copy of {@code src}; returns its index. */
  public int appendWrite(long block, byte[] src) {
    return appendBlockEntry(Kind.WRITE, block, src);
  }

  /** Appends a FUA write of a copy of {@code src}; returns its index. */
  public int appendFua(long block, byte[] src) {
    return appendBlockEntry(Kind.FUA, block, src);
  }

  /** Appends a flush; returns its index. */
  public int appendFlush() {
    int index = reserveIndex();
    entries.add(new Entry(Kind.FLUSH, -1, null, null));
    flushes.add(index);
    return index;
  }

  /**
   * Appends a mark with a free-text label of at most {@link #MAX_LABEL_BYTES}; returns its index.
   */
  public int appendMark(String label) {
    Objects.requireNonNull(label, "label");
    int bytes = label.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_LABEL_BYTES) {
      throw new IllegalArgumentException(
          "mark label of " + bytes + " UTF-8 bytes exceeds " + MAX_LABEL_BYTES);
    }
    int index = reserveIndex();
    entries.add(new Entry(Kind.MARK, -1, null, label));
    return index;
  }

  public Kind kind(int index) {
    return entry(index).kind();
  }

  /** Whether entry {@code index} is a WRITE or a FUA, the kinds that carry a block and payload. */
  public boolean isWrite(int index) {
    Kind kind = kind(index);
    return kind == Kind.WRITE || kind == Kind.FUA;
  }

  /** The block of a WRITE or FUA entry. */
  public long block(int index) {
    return writeEntry(index).block();
  }

  /** A copy of the payload of a WRITE or FUA entry. */
  public byte[] payload(int index) {
    return writeEntry(index).payload().clone();
  }

  /** Copies the payload of a WRITE or FUA entry into {@code dst} without allocating. */
  public void readPayload(int index, byte[] dst) {
    geometry.checkBuffer(dst);
    byte[] payload = writeEntry(index).payload();
    System.arraycopy(payload, 0, dst, 0, payload.length);
  }

  /** The label of a MARK entry. */
  public String label(int index) {
    Entry entry = entry(index);
    if (entry.kind() != Kind.MARK) {
      throw new IllegalArgumentException(
          "entry " + index + " is a " + entry.kind() + ", not a MARK");
    }
    return entry.label();
  }

  /** One line describing entry {@code index}, for reports and failure messages. */
  public String describe(int index) {
    Entry entry = entry(index);
    return switch (entry.kind()) {
      case WRITE, FUA -> index + " " + entry.kind() + " block " + entry.block();
      case FLUSH -> index + " FLUSH";
      case MARK -> index + " MARK \"" + entry.label() + "\"";
    };
  }

  /** The index of the last FLUSH before {@code position}, or -1 if there is none. */
  public int lastFlushBefore(int position) {
    checkPosition(position);
    return flushes.lastBelow(position);
  }

  /** The index of the last WRITE or FUA to {@code block} before {@code position}, or -1. */
  public int latestWriteBefore(long block, int position) {
    geometry.checkBlock(block);
    checkPosition(position);
    IntList list = versions.get(block);
    return list == null ? -1 : list.lastBelow(position);
  }

  /**
   * The index of the write whose content {@code block} durably holds at {@code position}: the later
   * of its last write before the last flush and its last FUA before the position; -1 if the block
   * still holds its initial content.
   */
  public int durableVersion(long block, int position) {
    int lastFlush = lastFlushBefore(position);
    int flushed = lastFlush < 0 ? -1 : latestWriteBefore(block, lastFlush);
    IntList list = fuas.get(block);
    int fua = list == null ? -1 : list.lastBelow(position);
    return Math.max(flushed, fua);
  }

  /** The blocks written (WRITE or FUA) before {@code position}, ascending. */
  long[] blocksWrittenBefore(int position) {
    checkPosition(position);
    long[] blocks = new long[versions.size()];
    int n = 0;
    for (var e : versions.entrySet()) {
      if (e.getValue().get(0) < position) {
        blocks[n++] = e.getKey();
      }
    }
    long[] result = Arrays.copyOf(blocks, n);
    // Sorted so callers that pick from it at random stay deterministic.
    Arrays.sort(result);
    return result;
  }

  /**
   * Re-issues entries {@code [0, position)} on {@code target} in order: writes, FUA writes and
   * flushes, and marks too when the target is a {@link FaultyDevice}, so that replaying onto a
   * fresh fault device over the same initial image reproduces this log exactly.
   */
  public void replay(BlockDevice target, int position) throws IOException {
    checkPosition(position);
    geometry.checkSame(BlockGeometry.of(target), "replay target");
    for (int i = 0; i < position; i++) {
      Entry entry = entries.get(i);
      switch (entry.kind()) {
        case WRITE -> target.write(entry.block(), entry.payload());
        case FUA -> target.writeFua(entry.block(), entry.payload());
        case FLUSH -> target.flush();
        case MARK -> {
          if (target instanceof FaultyDevice faulty) {
            faulty.mark(entry.label());
          }
        }
      }
    }
  }

  /** Throws unless {@code position} is in [0, size()]. */
  public void checkPosition(int position) {
    if (position < 0 || position > entries.size()) {
      throw new IllegalArgumentException(
          "position " + position + " is outside the log of " + entries.size() + " entries");
    }
  }

  @Override
  public String toString() {
    return "IoLog[" + entries.size() + " entries, " + geometry + "]";
  }

  /** The payload itself, not a copy: only for readers in this package that never modify it. */
  byte[] payloadRef(int index) {
    return writeEntry(index).payload();
  }

  private int appendBlockEntry(Kind kind, long block, byte[] src) {
    geometry.checkAccess(block, src);
    int index = reserveIndex();
    entries.add(new Entry(kind, block, src.clone(), null));
    versions.computeIfAbsent(block, b -> new IntList()).add(index);
    if (kind == Kind.FUA) {
      fuas.computeIfAbsent(block, b -> new IntList()).add(index);
    }
    return index;
  }

  private int reserveIndex() {
    if (entries.size() >= MAX_ENTRIES) {
      throw new IllegalStateException("the log is full at " + MAX_ENTRIES + " entries");
    }
    return entries.size();
  }

  private Entry entry(int index) {
    if (index < 0 || index >= entries.size()) {
      throw new IllegalArgumentException(
          "entry " + index + " is outside the log of " + entries.size() + " entries");
    }
    return entries.get(index);
  }

  private Entry writeEntry(int index) {
    Entry entry = entry(index);
    if (entry.kind() != Kind.WRITE && entry.kind() != Kind.FUA) {
      throw new IllegalArgumentException(
          "entry " + index + " is a " + entry.kind() + ", not a WRITE or FUA");
    }
    return entry;
  }
}
