package io.powercut.checker.kv;

import io.powercut.checker.thinvolume.OnThinVolume;
import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.target.TargetBugCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key-value store stacked on a thin volume ({@link OnThinVolume}): spec {@code kv-on-thin},
 * optionally {@code bugs=ID,...} with ids of the pool's catalog (the engine's and the target's
 * data-path bugs) or of the store's own ({@link KvBug}). With the correct pool and store, every
 * synced put survives every crash of both devices; with {@code metadata-before-data-flush} the
 * store loses a synced record.
 */
public final class KvOnThin {
  public static final String NAME = "kv-on-thin";

  private KvOnThin() {}

  /** The stacked subject with {@code poolBugs} in the pool and {@code kvBugs} in the store. */
  public static OnThinVolume<KvOp, Map<Long, Long>> of(Bugs poolBugs, Bugs kvBugs) {
    List<String> ids = new ArrayList<>();
    for (SeededBug b : TargetBugCatalog.ALL) {
      if (poolBugs.has(b)) {
        ids.add(b.id());
      }
    }
    for (KvBug b : KvBug.values()) {
      if (kvBugs.has(b)) {
        ids.add(b.id());
      }
    }
    String spec = ids.isEmpty() ? NAME : NAME + " bugs=" + String.join(",", ids);
    WalKvSubject store = new WalKvSubject(kvBugs, BlockDevice.DEFAULT_BLOCK_SIZE);
    return new OnThinVolume<>(store, WalKvSubject.BLOCKS, NAME, spec, poolBugs);
  }

  /** The subject a reproducer names: {@code kv-on-thin}, optionally {@code bugs=ID,...}. */
  public static OnThinVolume<KvOp, Map<Long, Long>> fromSpec(String spec) {
    String[] words = spec.strip().split("\\s+");
    if (!words[0].equals(NAME) || words.length > 2) {
      throw new IllegalArgumentException(
          "expected 'kv-on-thin' or 'kv-on-thin bugs=ID,...', got '" + spec + "'");
    }
    if (words.length == 1) {
      return of(Bugs.NONE, Bugs.NONE);
    }
    if (!words[1].startsWith("bugs=")) {
      throw new IllegalArgumentException("unknown subject parameter '" + words[1] + "'");
    }
    List<String> pool = new ArrayList<>();
    List<String> kv = new ArrayList<>();
    for (String id : words[1].substring("bugs=".length()).split(",")) {
      boolean isKv = false;
      for (KvBug b : KvBug.values()) {
        isKv |= b.id().equals(id);
      }
      (isKv ? kv : pool).add(id);
    }
    Bugs poolBugs = pool.isEmpty() ? Bugs.NONE : TargetBugCatalog.bugs(String.join(",", pool));
    return of(poolBugs, kv.isEmpty() ? Bugs.NONE : WalKvSubject.bugs(kv.toArray(String[]::new)));
  }
}
