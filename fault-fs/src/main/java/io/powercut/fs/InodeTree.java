package io.powercut.fs;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A file system image as the disk holds it: directories (inode to entries, name to inode) and
 * regular files (inode to bytes), rooted at {@link #ROOT}. Crash images are built by replaying log
 * entries into a copy of the durable base; an entry that does not fit the image (its directory or
 * source is gone, its target is a non-empty directory) is skipped, as a crash that lost what the
 * entry depended on. Copies share file bytes until one side writes (copy on write), so a crash
 * image costs only what its replay changes.
 */
final class InodeTree {
  /** The inode of the root directory. */
  static final long ROOT = 1;

  /** The largest file an image holds: its bytes live in one array. */
  static final long MAX_FILE_SIZE = Integer.MAX_VALUE - 8;

  private final HashMap<Long, TreeMap<String, Long>> dirs = new HashMap<>();
  private final HashMap<Long, Long> parentOf = new HashMap<>();
  private final HashMap<Long, Content> files = new HashMap<>();

  /** An image holding only the empty root directory. */
  InodeTree() {
    dirs.put(ROOT, new TreeMap<>());
  }

  InodeTree copy() {
    InodeTree c = new InodeTree();
    for (Map.Entry<Long, TreeMap<String, Long>> e : dirs.entrySet()) {
      c.dirs.put(e.getKey(), new TreeMap<>(e.getValue()));
    }
    c.parentOf.putAll(parentOf);
    for (Map.Entry<Long, Content> e : files.entrySet()) {
      c.files.put(e.getKey(), e.getValue().share());
    }
    return c;
  }

  /** Applies mutation {@code op}; {@code tear}, if not null, says which sectors of a write land. */
  void apply(FileOp op, BigInteger tear) {
    if (op instanceof FileOp.Write w) {
      write(w, tear);
    } else if (op instanceof FileOp.Truncate t) {
      Content c = files.get(t.inode());
      if (c != null) {
        c.resize(t.size());
      }
    } else if (op instanceof FileOp.Create c) {
      link(c.parent(), nameOf(c.path()), c.inode(), false);
    } else if (op instanceof FileOp.Mkdir m) {
      link(m.parent(), nameOf(m.path()), m.inode(), true);
    } else if (op instanceof FileOp.Delete d) {
      unlink(d.parent(), nameOf(d.path()));
    } else if (op instanceof FileOp.Rename r) {
      rename(r.fromParent(), nameOf(r.from()), r.toParent(), nameOf(r.to()));
    }
    // Syncs and marks change no image.
  }

  /** Adds a directory or an empty file during the build of an initial image. */
  void add(long parent, String name, long inode, boolean directory) {
    link(parent, name, inode, directory);
  }

  /** Sets the bytes of file {@code inode} during the build of an initial image. */
  void setContent(long inode, byte[] bytes) {
    Content c = files.get(inode);
    c.resize(0);
    if (bytes.length > 0) {
      c.write(0, bytes, 0, bytes.length);
    }
  }

  /** The image as paths: a walk from the root; what no directory reaches is gone. */
  FsImage toImage() {
    TreeMap<String, byte[]> out = new TreeMap<>();
    TreeSet<String> directories = new TreeSet<>();
    directories.add("/");
    ArrayDeque<Map.Entry<String, Long>> todo = new ArrayDeque<>();
    todo.add(Map.entry("/", ROOT));
    HashSet<Long> seen = new HashSet<>();
    // Each directory is visited once, so the walk is bounded by the image.
    while (!todo.isEmpty()) {
      Map.Entry<String, Long> dir = todo.poll();
      if (!seen.add(dir.getValue())) {
        continue;
      }
      String prefix = dir.getKey().equals("/") ? "/" : dir.getKey() + "/";
      for (Map.Entry<String, Long> e : dirs.get(dir.getValue()).entrySet()) {
        String path = prefix + e.getKey();
        if (dirs.containsKey(e.getValue())) {
          directories.add(path);
          todo.add(Map.entry(path, e.getValue()));
        } else {
          out.put(path, files.get(e.getValue()).bytes());
        }
      }
    }
    return new FsImage(directories, out);
  }

  private void write(FileOp.Write w, BigInteger tear) {
    Content c = files.get(w.inode());
    if (c == null) {
      return;
    }
    byte[] bytes = w.payload();
    if (tear == null) {
      c.write(w.offset(), bytes, 0, bytes.length);
      return;
    }
    long firstSector = w.offset() / FsCrashState.SECTOR_SIZE;
    int sectors = FsCrashState.sectorsOf(w);
    for (int s = 0; s < sectors; s++) {
      if (tear.testBit(s)) {
        long from = Math.max(w.offset(), (firstSector + s) * FsCrashState.SECTOR_SIZE);
        long to =
            Math.min(w.offset() + bytes.length, (firstSector + s + 1) * FsCrashState.SECTOR_SIZE);
        c.write(from, bytes, (int) (from - w.offset()), (int) (to - from));
      }
    }
  }

  private void link(long parent, String name, long inode, boolean directory) {
    TreeMap<String, Long> entries = dirs.get(parent);
    if (entries == null || (entries.containsKey(name) && dirs.containsKey(entries.get(name)))) {
      return;
    }
    if (directory) {
      if (entries.containsKey(name)) {
        return;
      }
      dirs.put(inode, new TreeMap<>());
      parentOf.put(inode, parent);
    } else {
      files.putIfAbsent(inode, new Content());
    }
    entries.put(name, inode);
  }

  private void unlink(long parent, String name) {
    TreeMap<String, Long> entries = dirs.get(parent);
    if (entries == null || !entries.containsKey(name)) {
      return;
    }
    TreeMap<String, Long> asDir = dirs.get(entries.get(name));
    if (asDir != null && !asDir.isEmpty()) {
      return;
    }
    entries.remove(name);
  }

  private void rename(long fromParent, String fromName, long toParent, String toName) {
    TreeMap<String, Long> from = dirs.get(fromParent);
    TreeMap<String, Long> to = dirs.get(toParent);
    if (from == null || to == null || !from.containsKey(fromName)) {
      return;
    }
    long moved = from.get(fromName);
    Long target = to.get(toName);
    boolean movedIsDir = dirs.containsKey(moved);
    if (target != null) {
      if (target == moved) {
        return;
      }
      boolean targetIsDir = dirs.containsKey(target);
      // rename(2): a directory replaces only an empty directory, a file only a file.
      if (targetIsDir != movedIsDir || (targetIsDir && !dirs.get(target).isEmpty())) {
        return;
      }
    }
    if (movedIsDir && isWithin(toParent, moved)) {
      return;
    }
    from.remove(fromName);
    to.put(toName, moved);
    if (movedIsDir) {
      parentOf.put(moved, toParent);
    }
  }

  // Whether directory dir is ancestor or itself; parent links form a tree, so the climb ends.
  private boolean isWithin(long dir, long ancestor) {
    Long d = dir;
    for (int depth = 0; d != null && depth <= dirs.size(); depth++) {
      if (d == ancestor) {
        return true;
      }
      d = parentOf.get(d);
    }
    return false;
  }

  static String nameOf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The bytes of one file; shared between copies until one of them writes. */
  private static final class Content {
    private byte[] data;
    private int size;
    private boolean shared;

    Content() {
      data = new byte[0];
    }

    private Content(byte[] data, int size) {
      this.data = data;
      this.size = size;
      this.shared = true;
    }

    Content share() {
      shared = true;
      return new Content(data, size);
    }

    byte[] bytes() {
      return Arrays.copyOf(data, size);
    }

    void resize(long newSize) {
      checkSize(newSize);
      int n = (int) newSize;
      own(n);
      if (n < size) {
        // Bytes past the end read as zeros if the file grows again.
        Arrays.fill(data, n, size, (byte) 0);
      }
      size = n;
    }

    void write(long offset, byte[] src, int from, int length) {
      long end = offset + length;
      checkSize(end);
      own((int) end);
      System.arraycopy(src, from, data, (int) offset, length);
      size = Math.max(size, (int) end);
    }

    private void own(int capacity) {
      if (shared || capacity > data.length) {
        int grown =
            capacity > data.length
                ? Math.max(capacity, (int) Math.min(MAX_FILE_SIZE, 2L * data.length))
                : data.length;
        data = Arrays.copyOf(data, grown);
        shared = false;
      }
    }

    private static void checkSize(long size) {
      if (size > MAX_FILE_SIZE) {
        throw new IllegalArgumentException(
            "expected a file of at most " + MAX_FILE_SIZE + " bytes, got " + size);
      }
    }
  }
}
