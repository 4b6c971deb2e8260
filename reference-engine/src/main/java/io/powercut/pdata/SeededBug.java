package io.powercut.pdata;

import java.util.Locale;

/**
 * A defect that can be switched on in one engine instance to measure whether the checker catches
 * it, modelled on a real one. Each layer declares its own as an enum ({@link PdataBug} here); all
 * are off in the correct engine.
 */
public interface SeededBug {
  /** The name used on the command line, e.g. {@code superblock-before-flush}. */
  String id();

  /** What the engine does wrong with the bug on. */
  String description();

  /** The real defect (kernel commit subject or bug class) this bug mirrors. */
  String mirrors();

  /** The command-line id of an enum constant: its name in lower case, with dashes. */
  static String idOf(Enum<?> bug) {
    return bug.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
