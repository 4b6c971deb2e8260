package io.powercut.fs;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a {@link FileOpLog}: a completed mutation of the file system, a sync, or a mark.
 * Files and directories are named by inode numbers, which stay with a file across renames and
 * outlive its last name while it is open, as on Linux; paths are kept for reading the log and name
 * the file as it was called when the operation ran.
 */
public sealed interface FileOp {
  /** Whether the operation changes what a crash image may hold (syncs and marks do not). */
  default boolean isMutation() {
    return false;
  }

  /** Whether this is namespace or inode metadata (everything that mutates except data writes). */
  default boolean isMetadata() {
    return isMutation() && !(this instanceof Write);
  }

  /**
   * {@code bytes} written at {@code offset} of file {@code inode}, extending it if they end past
   * it.
   */
  record Write(long inode, long offset, byte[] bytes) implements FileOp {
    public Write {
      Objects.requireNonNull(bytes, "bytes");
      if (offset < 0 || bytes.length == 0) {
        throw new IllegalArgumentException(
            "expected a non-empty write at a non-negative offset, got "
                + bytes.length
                + " bytes at "
                + offset);
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The byte count, without copying the payload. */
    public int length() {
      return bytes.length;
    }

    byte[] payload() {
      return bytes;
    }

    @Override
    public boolean isMutation() {
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Write w
          && inode == w.inode
          && offset == w.offset
          && Arrays.equals(bytes, w.bytes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(inode, offset, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
      return "write ino " + inode + " [" + offset + ", " + (offset + bytes.length) + ")";
    }
  }

  /** File {@code inode} cut or extended (with zeros) to {@code size} bytes. */
  record Truncate(long inode, long size) implements FileOp {
    @Override
    public boolean isMutation() {
      return true;
    }

    @Override
    public String toString() {
      return "truncate ino " + inode + " to " + size;
    }
  }

  /** A new empty regular file {@code inode} linked as {@code path} in directory {@code parent}. */
  record Create(String path, long parent, long inode) implements FileOp {
    @Override
    public boolean isMutation() {
      return true;
    }

    @Override
    public String toString() {
      return "create " + path + " (ino " + inode + " in dir " + parent + ")";
    }
  }

  /** A new empty directory {@code inode} linked as {@code path} in directory {@code parent}. */
  record Mkdir(String path, long parent, long inode) implements FileOp {
    @Override
    public boolean isMutation() {
      return true;
    }

    @Override
    public String toString() {
      return "mkdir " + path + " (ino " + inode + " in dir " + parent + ")";
    }
  }

  /**
   * The name {@code path} of {@code inode} (a file, or an empty directory) removed from {@code
   * parent}.
   */
  record Delete(String path, long parent, long inode) implements FileOp {
    @Override
    public boolean isMutation() {
      return true;
    }

    @Override
    public String toString() {
      return "delete " + path + " (ino " + inode + " in dir " + parent + ")";
    }
  }

  /**
   * {@code inode} moved from {@code from} in directory {@code fromParent} to {@code to} in {@code
   * toParent}; {@code replaced} says whether {@code to} named another file that the rename
   * unlinked.
   */
  record Rename(
      String from, long fromParent, String to, long toParent, long inode, boolean replaced)
      implements FileOp {
    @Override
    public boolean isMutation() {
      return true;
    }

    @Override
    public String toString() {
      return "rename "
          + from
          + " -> "
          + to
          + (replaced ? " (replacing)" : "")
          + " (ino "
          + inode
          + ", dirs "
          + fromParent
          + " -> "
          + toParent
          + ")";
    }
  }

  /**
   * {@code force(metadata)} of file {@code inode}: {@code fsync} if metadata, else {@code
   * fdatasync}.
   */
  record Force(long inode, boolean metadata) implements FileOp {
    @Override
    public String toString() {
      return (metadata ? "fsync" : "fdatasync") + " ino " + inode;
    }
  }

  /** An fsync of directory {@code inode}, named {@code path} when it ran. */
  record DirSync(String path, long inode) implements FileOp {
    @Override
    public String toString() {
      return "dirsync " + path + " (ino " + inode + ")";
    }
  }

  /** A free-text annotation (the checker's "op 12 begin"); no IO. */
  record Mark(String label) implements FileOp {
    public Mark {
      Objects.requireNonNull(label, "label");
    }

    @Override
    public String toString() {
      return "mark " + label;
    }
  }
}
