package io.powercut.pdata;

import java.util.Locale;

/**
 * A defect that can be switched on in one engine instance to measure whether the checker catches
 * it, modelled on a real one. Each layer declares its own as an enum ({@link PdataBug} here); all
 * are off in the correct engine.
 */
public interface SeededBug {
  /** What a bug does and which real defect it mirrors. */
  record Facts(String description, String mirrors) {}

  /** The enum constant's name (every seeded bug is one). */
  String name();

  Facts facts();

  /** The name used on the command line, e.g. {@code superblock-before-flush}. */
  default String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** What the engine does wrong with the bug on. */
  default String description() {
    return facts().description();
  }

  /** The real defect (kernel commit subject or bug class) this bug mirrors. */
  default String mirrors() {
    return facts().mirrors();
  }
}
