package io.powercut.fuzz;

/** The stages the oracle takes an image through, in order. */
public enum Step {
  /** The strict checker, as {@code powercut check}. */
  CHECK,
  /** The strict checker with the metadata snapshot's problems, as {@code check -m}. */
  CHECK_SNAPSHOT,
  /** {@code PoolMetadata.open}. */
  OPEN,
  /** A read-only walk of every device: details, every mapping, lookups, pool figures, close. */
  WALK,
  /** The thin_dump-exact dumper. */
  DUMP,
  /** The dumper on the metadata snapshot, as {@code thin_dump -m}. */
  DUMP_SNAPSHOT
}
