package io.powercut.thin.target;

import io.powercut.pdata.Bugs;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.BugCatalog;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every seeded bug a pool can have: the engine's ({@link BugCatalog#ALL}, in its order) followed by
 * the target's data-path bugs ({@link TargetBug}, in declaration order), and the parser of
 * command-line ids over all of them. {@link BugCatalog} stays the engine's list, which the metadata
 * subject hunts; it cannot name these (the engine does not see this module), and the metadata
 * subject could not detect them.
 */
public final class TargetBugCatalog {
  /** Every seeded bug, in catalog order: the engine's, then the target's. */
  public static final List<SeededBug> ALL =
      Stream.concat(BugCatalog.ALL.stream(), Stream.of(TargetBug.values())).toList();

  private TargetBugCatalog() {}

  /** The data-path bugs only, in catalog order. */
  public static List<SeededBug> dataPath() {
    return List.of(TargetBug.values());
  }

  /** Looks a bug up by its command-line id, the engine's or the target's. */
  public static SeededBug byId(String id) {
    return BugCatalog.byId(ALL, id);
  }

  /** The bugs of a comma-separated id list, in the order given. */
  public static List<SeededBug> byIds(String list) {
    return BugCatalog.byIds(ALL, list);
  }

  /** The set a comma-separated id list switches on, in catalog order. */
  public static Bugs bugs(String list) {
    return BugCatalog.bugs(ALL, list);
  }
}
