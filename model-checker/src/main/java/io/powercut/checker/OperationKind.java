package io.powercut.checker;

/**
 * A kind of operation of a subject's workloads (for dm-thin, an enum of every pool call the
 * workloads make), the row of the coverage table that counts how often it ran, with which outcome,
 * and how many crash points fell inside it.
 */
public interface OperationKind {
  /** A stable name, e.g. {@code create_thin}: the table's row label and the results file's key. */
  String id();
}
