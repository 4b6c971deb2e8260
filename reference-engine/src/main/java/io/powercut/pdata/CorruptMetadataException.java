package io.powercut.pdata;

import java.io.IOException;

/**
 * The one typed error for metadata that breaks a rule of the on-disk format: a bad checksum, a
 * block at the wrong location, a malformed node, a loop, a count that disagrees. It names the
 * block, the rule, what was expected and what was found, and the path from the superblock to the
 * block. Corruption is an expected outcome for this engine, never a crash.
 */
public final class CorruptMetadataException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long block;
  private final String rule;
  private final String detail;
  private final String path;

  public CorruptMetadataException(long block, String rule, String detail, String path) {
    super(format(block, rule, detail, path));
    this.block = block;
    this.rule = rule;
    this.detail = detail;
    this.path = path;
  }

  /** A rule broken with an "expected X, got Y" shape. */
  public static CorruptMetadataException expected(
      long block, String rule, Object expected, Object actual, String path) {
    return new CorruptMetadataException(
        block, rule, "expected " + expected + ", got " + actual, path);
  }

  private static String format(long block, String rule, String detail, String path) {
    StringBuilder sb = new StringBuilder();
    sb.append("block ").append(block).append(": ").append(rule);
    if (detail != null && !detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    if (path != null && !path.isEmpty()) {
      sb.append(" (at ").append(path).append(')');
    }
    return sb.toString();
  }

  /** The metadata block that broke the rule. */
  public long block() {
    return block;
  }

  /** A short name of the rule, e.g. "checksum" or "key order". */
  public String rule() {
    return rule;
  }

  /** The path from the superblock to the block, or an empty string when unknown. */
  public String path() {
    return path == null ? "" : path;
  }

  /** What exactly is wrong, e.g. "expected 5, got 7"; may be empty. */
  public String detail() {
    return detail == null ? "" : detail;
  }

  /**
   * This error with its path set, for a walker that knows where the failing read happened; an error
   * that already has a path keeps it.
   */
  public CorruptMetadataException withPath(String where) {
    if (!path().isEmpty()) {
      return this;
    }
    CorruptMetadataException e = new CorruptMetadataException(block, rule, detail, where);
    e.initCause(this);
    return e;
  }
}
