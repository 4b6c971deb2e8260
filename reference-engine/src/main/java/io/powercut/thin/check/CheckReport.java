package io.powercut.thin.check;

import java.util.List;

/**
 * What {@link MetadataChecker#check} found: the problems (at most {@link
 * MetadataChecker#MAX_PROBLEMS} listed, the rest counted) and figures about the pool. A figure the
 * options skipped is -1.
 */
public final class CheckReport {
  private final List<Problem> problems;
  private final long omittedProblems;
  private final boolean fatal;
  private final long transactionId;
  private final long metadataFreeBlocks;
  private final long devices;
  private final long mappings;
  private final long metadataBlocksInUse;
  private final long dataBlocksInUse;

  CheckReport(ProblemLog log, long transactionId, long metadataFreeBlocks, Stats stats) {
    this.problems = log.problems();
    this.omittedProblems = log.omitted();
    this.fatal = log.hasFatal();
    this.transactionId = transactionId;
    this.metadataFreeBlocks = metadataFreeBlocks;
    this.devices = stats.devices;
    this.mappings = stats.mappings;
    this.metadataBlocksInUse = stats.metadataBlocksInUse;
    this.dataBlocksInUse = stats.dataBlocksInUse;
  }

  /** The figures a check counts as it goes; -1 until counted. */
  static final class Stats {
    long devices = -1;
    long mappings = -1;
    long metadataBlocksInUse = -1;
    long dataBlocksInUse = -1;
  }

  /** The problems found, in the order found, at most {@link MetadataChecker#MAX_PROBLEMS}. */
  public List<Problem> problems() {
    return problems;
  }

  /** How many more problems were found than {@link #problems()} lists. */
  public long omittedProblems() {
    return omittedProblems;
  }

  /** Whether no rule was broken at all. */
  public boolean clean() {
    return problems.isEmpty() && omittedProblems == 0;
  }

  /** Whether any problem (listed or omitted) is {@link Severity#FATAL}. */
  public boolean hasFatal() {
    return fatal;
  }

  /** The superblock's userspace transaction id; -1 if the superblock's checksum is bad. */
  public long transactionId() {
    return transactionId;
  }

  /**
   * Free blocks by the metadata space map's root (nr_blocks - nr_allocated). thin_check 0.9.0
   * prints the metadata device size minus one here instead, whatever is in use. -1 if the
   * superblock's checksum is bad.
   */
  public long metadataFreeBlocks() {
    return metadataFreeBlocks;
  }

  /** Thin devices in the device-details tree. */
  public long devices() {
    return devices;
  }

  /** Mappings over all devices (a mapping shared by a snapshot counts once per device). */
  public long mappings() {
    return mappings;
  }

  /** Metadata blocks that something references (the superblock included). */
  public long metadataBlocksInUse() {
    return metadataBlocksInUse;
  }

  /** Data blocks that some mapping references. */
  public long dataBlocksInUse() {
    return dataBlocksInUse;
  }

  /** Whether any problem breaks {@code rule}. */
  public boolean has(Rule rule) {
    return problems.stream().anyMatch(p -> p.is(rule));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(clean() ? "clean" : (fatal ? "FATAL" : "NON_FATAL"))
        .append(": transaction ")
        .append(transactionId)
        .append(", ")
        .append(devices)
        .append(" devices, ")
        .append(mappings)
        .append(" mappings, ")
        .append(metadataBlocksInUse)
        .append(" metadata and ")
        .append(dataBlocksInUse)
        .append(" data blocks in use, ")
        .append(metadataFreeBlocks)
        .append(" metadata blocks free");
    for (Problem p : problems) {
      sb.append('\n').append(p.severity()).append(' ').append(p);
    }
    if (omittedProblems > 0) {
      sb.append('\n').append(omittedProblems).append(" more problems not listed");
    }
    return sb.toString();
  }
}
