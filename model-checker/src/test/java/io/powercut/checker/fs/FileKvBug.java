package io.powercut.checker.fs;

import java.util.Locale;

/** The seeded bugs of {@link FileKvSubject}, each a classic mistake of replacing a file. */
enum FileKvBug {
  /** Renames the temporary file over the key's without forcing it first. */
  NO_FORCE,
  /** Forces the renamed file through its new name and never syncs the directory. */
  NO_DIR_SYNC,
  /**
   * Overwrites an existing key's file in place (then forces and syncs it), no temporary file; a new
   * key still goes through one.
   */
  IN_PLACE;

  String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
