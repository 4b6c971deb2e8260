package io.powercut.fuzz;

import java.util.Locale;

/** What a fuzz campaign judges its images with. */
public enum FuzzTarget {
  /** Our strict checker, engine and dumper ({@link Deadline} over the {@link Oracle}). */
  ENGINE,
  /** The real thin-provisioning-tools ({@link ToolsJudge}). */
  THIN_TOOLS;

  /**
   * The word {@code --target} takes and results files record: {@code engine}, {@code thin-tools}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The target named {@code id}; throws IllegalArgumentException naming the choices. */
  public static FuzzTarget byId(String id) {
    for (FuzzTarget t : values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("--target must be engine or thin-tools, got '" + id + "'");
  }

  /** The {@code --target} flag a command line needs for this target ("" for the default). */
  String flag() {
    return this == ENGINE ? "" : " --target " + id();
  }
}
