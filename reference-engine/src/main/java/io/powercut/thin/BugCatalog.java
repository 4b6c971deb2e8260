package io.powercut.thin;

import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.SeededBug;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every seeded bug of the engine, persistent-data's and the thin layer's, in the catalog's one
 * stable order (the order {@code ./powercut bugs} lists them and the README's tables follow), and
 * the one parser of command-line bug ids.
 */
public final class BugCatalog {
  /** Every seeded bug, in catalog order. */
  public static final List<SeededBug> ALL =
      List.of(
          PdataBug.SUPERBLOCK_BEFORE_FLUSH,
          PdataBug.SUPERBLOCK_NOT_FLUSHED,
          PdataBug.REUSE_FREED_BLOCK,
          PdataBug.DEC_BEFORE_SHARED_CHECK,
          PdataBug.SHADOW_SHARED_IN_PLACE,
          PdataBug.NO_INC_CHILDREN,
          PdataBug.REMOVE_SKIPS_LEAF_INC,
          PdataBug.LIFO_BLOCK_OPS,
          PdataBug.LOST_RECURSIVE_ALLOCATION,
          PdataBug.INDEX_NR_FREE_STALE,
          ThinBug.DETAILS_NOT_WRITTEN,
          ThinBug.SNAPSHOT_KEEPS_TIME,
          ThinBug.DELETE_LEAKS_SUBTREE,
          PdataBug.REBALANCE_DROPS_ENTRY,
          PdataBug.REBALANCE_UNDERFULL,
          PdataBug.SPLIT_LOSES_MIN_KEY,
          ThinBug.TRANSACTION_ID_IN_PLACE,
          ThinBug.RELEASE_SNAP_LEAKS,
          ThinBug.METADATA_SNAP_UNCOMMITTED,
          ThinBug.DATA_RESIZE_NOT_PERSISTED,
          ThinBug.CHECKSUM_BEFORE_LAST_FIELD,
          PdataBug.BLOCKNR_NOT_STAMPED,
          PdataBug.FREE_DATA_COUNT_OFF_BY_ONE,
          PdataBug.FREE_METADATA_COUNT_STALE);

  private BugCatalog() {}

  /**
   * Looks a bug up by its command-line id.
   *
   * @throws IllegalArgumentException "unknown bug 'x'", listing the known ids
   */
  public static SeededBug byId(String id) {
    return byId(ALL, id);
  }

  /**
   * The bugs of a comma-separated id list, in the order given (see {@link #byIds(List, String)}).
   */
  public static List<SeededBug> byIds(String list) {
    return byIds(ALL, list);
  }

  /** The set a comma-separated id list switches on, in catalog order (see {@link #byIds}). */
  public static Bugs bugs(String list) {
    return bugs(ALL, list);
  }

  /**
   * Looks a bug up by its command-line id in {@code catalog}, this one or one a higher layer
   * extends it to (the pool target's adds its data-path bugs).
   *
   * @throws IllegalArgumentException "unknown bug 'x'", listing the known ids
   */
  public static SeededBug byId(List<SeededBug> catalog, String id) {
    for (SeededBug b : catalog) {
      if (b.id().equals(id)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "unknown bug '"
            + id
            + "' (known: "
            + catalog.stream().map(SeededBug::id).collect(Collectors.joining(", "))
            + ")");
  }

  /**
   * The bugs of {@code catalog} a comma-separated id list names, in the order given; blanks around
   * ids are ignored, and an empty list or "none" names no bug.
   */
  public static List<SeededBug> byIds(List<SeededBug> catalog, String list) {
    List<SeededBug> out = new ArrayList<>();
    if (list.isBlank() || list.strip().equals("none")) {
      return out;
    }
    for (String id : list.split(",", -1)) {
      out.add(byId(catalog, id.strip()));
    }
    return out;
  }

  /** The set a comma-separated id list switches on, in {@code catalog}'s order. */
  public static Bugs bugs(List<SeededBug> catalog, String list) {
    List<SeededBug> named = byIds(catalog, list);
    return Bugs.of(catalog.stream().filter(named::contains).toList());
  }
}
