package io.powercut.engine.h2;

import io.powercut.checker.Engine;
import io.powercut.checker.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * MVStore running a workload on a bound crash file system. An operation's outcome is {@code ok 1}
 * if it stored a new version (MVStore's current version grew), {@code ok 0} if not: the model
 * learns from it which operations committed, as the engine chooses (compact commits only when it
 * rewrote something).
 */
final class H2Engine implements Engine<H2Op> {
  /** Bytes {@code compact} may rewrite and move in one call: more than any workload stores. */
  static final int COMPACT_LIMIT = 1 << 26;

  private final CrashFsRegistry.Binding binding;
  private final String url;
  private final int retentionMs;
  private MVStore store;
  private List<MVMap<Long, byte[]>> maps;

  H2Engine(CrashFsRegistry.Binding binding, String url, int retentionMs) {
    this.binding = binding;
    this.url = url;
    this.retentionMs = retentionMs;
    open();
  }

  private void open() {
    store = H2Store.open(url, retentionMs);
    maps = new ArrayList<>();
    for (int m = 0; m < H2Subject.MAPS; m++) {
      maps.add(H2Store.map(store, m));
    }
  }

  @Override
  public Outcome apply(H2Op op) {
    try {
      long before = store.getCurrentVersion();
      run(op);
      return Outcome.ok(store.getCurrentVersion() > before ? 1 : 0);
    } catch (RuntimeException | AssertionError e) {
      return Outcome.failed(e);
    }
  }

  private void run(H2Op op) {
    if (op instanceof H2Op.Put p) {
      maps.get(p.map()).put(p.key(), p.value().bytes());
    } else if (op instanceof H2Op.Remove r) {
      maps.get(r.map()).remove(r.key());
    } else if (op instanceof H2Op.Commit) {
      store.commit();
    } else if (op instanceof H2Op.Sync) {
      store.sync();
    } else if (op instanceof H2Op.Compact) {
      store.compact(100, COMPACT_LIMIT);
      ((RandomAccessStore) store.getFileStore()).compactMoveChunks(100, COMPACT_LIMIT, store);
    } else {
      store.close();
      open();
    }
  }

  /** Drops the store without writing (what a power cut does to it) and unbinds the file system. */
  @Override
  public void close() {
    try {
      store.closeImmediately();
    } finally {
      binding.close();
    }
  }
}
