package io.powercut.engine.h2;

import io.powercut.checker.Engine;
import io.powercut.checker.Outcome;

/**
 * MVStore running a workload on a bound crash file system. An operation's outcome is {@code ok 1}
 * if it stored a new version (MVStore's current version grew), {@code ok 0} if not: the model
 * learns from it which operations committed, as the engine chooses (compact commits only when it
 * rewrote something).
 */
final class H2Engine implements Engine<H2Op> {
  private final MvStoreDriver.Session session;
  private final String file;
  private final int retentionMs;
  private MvStoreDriver.Store store;

  H2Engine(MvStoreDriver.Session session, String file, int retentionMs) {
    this.session = session;
    this.file = file;
    this.retentionMs = retentionMs;
    open();
  }

  private void open() {
    store = session.open(file, retentionMs);
    store.createMaps();
  }

  @Override
  public Outcome apply(H2Op op) {
    try {
      long before = store.currentVersion();
      run(op);
      return Outcome.ok(store.currentVersion() > before ? 1 : 0);
    } catch (RuntimeException | AssertionError e) {
      return Outcome.failed(e);
    }
  }

  private void run(H2Op op) {
    if (op instanceof H2Op.Put p) {
      store.put(p.map(), p.key(), p.value().bytes());
    } else if (op instanceof H2Op.Remove r) {
      store.remove(r.map(), r.key());
    } else if (op instanceof H2Op.Commit) {
      store.commit();
    } else if (op instanceof H2Op.Sync) {
      store.sync();
    } else if (op instanceof H2Op.Compact) {
      store.compact();
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
      session.close();
    }
  }
}
