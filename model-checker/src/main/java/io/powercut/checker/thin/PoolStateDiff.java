package io.powercut.checker.thin;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A readable list of the differences between two pool states, the first few of them. */
final class PoolStateDiff {
  private static final int MAX_LINES = 8;

  private final List<String> lines = new ArrayList<>();
  private int more;

  private PoolStateDiff() {}

  static String of(PoolState expected, PoolState got) {
    if (expected.equals(got)) {
      return null;
    }
    PoolStateDiff d = new PoolStateDiff();
    d.field("transaction id", expected.transactionId(), got.transactionId());
    d.field("time", expected.time(), got.time());
    d.field("data blocks", expected.dataBlocks(), got.dataBlocks());
    d.field("free data blocks", expected.freeDataBlocks(), got.freeDataBlocks());
    d.field("metadata snapshot", expected.metadataSnapshot(), got.metadataSnapshot());
    d.field("needs check", expected.needsCheck(), got.needsCheck());
    d.field("leaked data blocks", expected.leakedDataBlocks(), got.leakedDataBlocks());
    TreeSet<Long> ids = new TreeSet<>(expected.devices().keySet());
    ids.addAll(got.devices().keySet());
    for (long id : ids) {
      d.device(id, expected.devices().get(id), got.devices().get(id));
    }
    if (d.lines.isEmpty()) {
      d.add("states differ");
    }
    return String.join("; ", d.lines) + (d.more > 0 ? "; and " + d.more + " more" : "");
  }

  private void add(String line) {
    if (lines.size() < MAX_LINES) {
      lines.add(line);
    } else {
      more++;
    }
  }

  private void field(String name, Object want, Object got) {
    if (!want.equals(got)) {
      add(name + ": expected " + want + ", got " + got);
    }
  }

  private void device(long id, PoolState.Device want, PoolState.Device got) {
    if (want == null) {
      add("device " + id + ": not expected, but recovered");
      return;
    }
    if (got == null) {
      add("device " + id + ": expected, but missing");
      return;
    }
    String p = "device " + id + " ";
    field(p + "mapped blocks", want.mappedBlocks(), got.mappedBlocks());
    field(p + "transaction id", want.transactionId(), got.transactionId());
    field(p + "creation time", want.creationTime(), got.creationTime());
    field(p + "snapshot time", want.snapshottedTime(), got.snapshottedTime());
    Mappings w = want.mappings();
    Mappings g = got.mappings();
    int i = 0;
    int j = 0;
    // A merge of the two ascending lists of virtual blocks.
    while (i < w.size() || j < g.size()) {
      if (j == g.size() || (i < w.size() && w.block(i) < g.block(j))) {
        add(p + "block " + w.block(i) + ": expected " + show(w.value(i++)) + ", got unmapped");
      } else if (i == w.size() || g.block(j) < w.block(i)) {
        add(p + "block " + g.block(j) + ": expected unmapped, got " + show(g.value(j++)));
      } else {
        if (w.value(i) != g.value(j)) {
          add(
              p
                  + "block "
                  + w.block(i)
                  + ": expected "
                  + show(w.value(i))
                  + ", got "
                  + show(g.value(j)));
        }
        i++;
        j++;
      }
    }
  }

  private static String show(long packed) {
    return PoolState.describeMapping(packed);
  }
}
