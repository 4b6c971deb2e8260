package io.powercut.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ordered record of every completed mutation, sync and mark of a {@link CrashFileSystem}, the
 * file-level sibling of the block level's {@code IoLog}. A <em>position</em> is an entry index: a
 * crash at position {@code p} means entries {@code [0, p)} completed and nothing after them was
 * issued, so positions range over {@code [0, size()]}. The log is append-only, so a {@link
 * FsCrashPoint} built at a position stays valid as it grows. Thread-safe: entries are appended
 * under the file system's lock, in the order the live file system applied them.
 */
public final class FileOpLog {
  /** The most entries a log holds; positions are ints and {@code size()} itself is a position. */
  public static final int MAX_ENTRIES = Integer.MAX_VALUE - 1;

  /** The longest mark label, in UTF-8 bytes. */
  public static final int MAX_LABEL_BYTES = 1 << 16;

  private final ArrayList<FileOp> entries = new ArrayList<>();

  /** Appends {@code op} and returns its index. */
  synchronized int append(FileOp op) {
    if (entries.size() >= MAX_ENTRIES) {
      throw new IllegalStateException("the file operation log is full at " + MAX_ENTRIES);
    }
    entries.add(op);
    return entries.size() - 1;
  }

  /** Appends a free-text mark (the checker's "op 12 begin") and returns its index. */
  public int mark(String label) {
    int bytes = label.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_LABEL_BYTES) {
      throw new IllegalArgumentException(
          "expected a mark of at most " + MAX_LABEL_BYTES + " UTF-8 bytes, got " + bytes);
    }
    return append(new FileOp.Mark(label));
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Entry {@code index}. */
  public synchronized FileOp get(int index) {
    if (index < 0 || index >= entries.size()) {
      throw new IllegalArgumentException(
          "expected an entry index in [0, " + entries.size() + "), got " + index);
    }
    return entries.get(index);
  }

  /** The entries {@code [0, position)}, a snapshot. */
  public synchronized List<FileOp> prefix(int position) {
    checkPosition(position);
    return List.copyOf(entries.subList(0, position));
  }

  /**
   * The positions worth cutting the power at: 0 and just after every entry that mutates or syncs (a
   * crash after a mark is the crash before it), ascending.
   */
  public synchronized int[] crashPositions() {
    int[] out = new int[entries.size() + 1];
    int n = 0;
    out[n++] = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof FileOp.Mark)) {
        out[n++] = i + 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Entry {@code index} as a line of text: {@code "17 rename /work/a -> /work/b ..."}. */
  public String describe(int index) {
    return index + " " + get(index);
  }

  /** Throws {@link IllegalArgumentException} unless {@code position} is in {@code [0, size()]}. */
  public synchronized void checkPosition(int position) {
    if (position < 0 || position > entries.size()) {
      throw new IllegalArgumentException(
          "expected a position in [0, " + entries.size() + "], got " + position);
    }
  }
}
