package io.powercut.fs;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a file system holds, by absolute path: its directories and its regular files with their
 * bytes. Immutable; two images are equal when they have the same directories and the same files
 * with the same bytes (times and permissions are not part of an image). The enumerator checks each
 * distinct image once.
 */
public final class FsImage {
  private final TreeSet<String> directories;
  private final TreeMap<String, byte[]> files;
  private final int hash;

  FsImage(TreeSet<String> directories, TreeMap<String, byte[]> files) {
    this.directories = directories;
    this.files = files;
    int h = directories.hashCode();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      h = 31 * h + e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
    }
    this.hash = h;
  }

  /** Every directory, the root {@code "/"} included, ascending. */
  public NavigableSet<String> directories() {
    return Collections.unmodifiableNavigableSet(directories);
  }

  /** Every regular file, ascending. */
  public NavigableSet<String> files() {
    return Collections.unmodifiableNavigableSet(files.navigableKeySet());
  }

  /** The bytes of file {@code path}, if the image holds it. */
  public Optional<byte[]> read(String path) {
    byte[] b = files.get(path);
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  /** Whether the image holds a file or directory at {@code path}. */
  public boolean exists(String path) {
    return files.containsKey(path) || directories.contains(path);
  }

  /** Files with their sizes, for reading in a failure message. */
  public SortedMap<String, Integer> sizes() {
    TreeMap<String, Integer> out = new TreeMap<>();
    files.forEach((path, bytes) -> out.put(path, bytes.length));
    return out;
  }

  byte[] bytesOf(String path) {
    return files.get(path);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FsImage other)
        || hash != other.hash
        || !directories.equals(other.directories)
        || !files.keySet().equals(other.files.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!Arrays.equals(e.getValue(), other.files.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "FsImage[dirs " + directories + ", files " + sizes() + "]";
  }
}
