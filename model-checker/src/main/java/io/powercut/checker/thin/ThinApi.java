package io.powercut.checker.thin;

import java.util.Map;
import java.util.TreeMap;

/**
 * The public methods of {@code PoolMetadata} that no workload calls, each with the reason. Every
 * other public method is called by some {@link ThinOpKind} (a test checks both lists against the
 * engine by reflection, and that the README lists these).
 */
public final class ThinApi {
  private ThinApi() {}

  public static final Map<String, String> OUT_OF_SCOPE = outOfScope();

  private static Map<String, String> outOfScope() {
    Map<String, String> m = new TreeMap<>();
    m.put(
        "create",
        "formatting is not under test: a crash while formatting leaves no pool to lose; every"
            + " workload starts from a pool formatted once, and the engine tests cover the format");
    m.put(
        "devices",
        "read back in full by every recovery and compared exactly; its in-core answer is the same"
            + " details lookup that device_exists and mapped_count ask live");
    m.put(
        "details",
        "read back in full by every recovery and compared exactly; mapped_count asks its in-core"
            + " mapped_blocks live, and the times and transaction id are fixed when a device is"
            + " created or snapshotted");
    m.put(
        "forEachBlockTime",
        "read back in full by every recovery and compared exactly; lookup and lookup_nonblocking ask"
            + " the in-core mappings live, one block at a time");
    m.put(
        "forEachMapping",
        "the walk of forEachBlockTime with each mapping as an object (its shared flag from the"
            + " device's snapshot time, which lookup answers live); recovery reads the values"
            + " without an object per mapping");
    m.put(
        "committedSuperblock",
        "a diagnostic view of the last commit's superblock, not a dm-thin-metadata call; the strict"
            + " checker judges every field of it in every recovered image");
    m.put(
        "isFailed",
        "harness plumbing, not a dm-thin-metadata call; what failing means (refuse all but abort) is"
            + " judged by the probe after every injected IO error");
    for (String target : new String[] {"blockIsShared", "incDataRange", "decDataRange"}) {
      m.put(target, "used by the pool target (thin-target)");
    }
    m.put("bugs", "harness plumbing: which seeded bugs the instance has switched on");
    return m;
  }
}
