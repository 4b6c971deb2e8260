package io.powercut.thin.tools;

import java.util.Locale;

/** The programs of thin-provisioning-tools that powercut runs, each named as it is installed. */
public enum ThinTool {
  THIN_CHECK,
  THIN_DUMP,
  THIN_RESTORE,
  THIN_LS,
  THIN_RMAP;

  /** The program's file name, e.g. {@code thin_check}. */
  public String command() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return command();
  }
}
