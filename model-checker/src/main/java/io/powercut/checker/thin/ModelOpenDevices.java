package io.powercut.checker.thin;

import java.util.Iterator;
import java.util.TreeMap;

/**
 * What the model expects of the pool's open thin devices (dm-thin-metadata's in-core device list):
 * open handles per device, "changed this transaction" and "aborted with changes". Changed: a device
 * created, snapshotted (origin and snapshot), mapped or unmapped since the last commit. A commit
 * forgets the changed devices nobody holds and clears the flag of held ones; an abort forgets the
 * devices nobody holds and sets each held one's "aborted" flag to its "changed" flag, which it
 * clears (the changes are gone). A reopen starts a new, empty list.
 */
final class ModelOpenDevices {
  private static final class Entry {
    int open;
    boolean changed;
    boolean aborted;
  }

  private final TreeMap<Long, Entry> listed = new TreeMap<>();

  void open(long dev) {
    listed.computeIfAbsent(dev, d -> new Entry()).open++;
  }

  void close(long dev) {
    listed.get(dev).open--;
  }

  boolean isOpen(long dev) {
    Entry e = listed.get(dev);
    return e != null && e.open > 0;
  }

  boolean anyOpen() {
    return listed.values().stream().anyMatch(e -> e.open > 0);
  }

  void changed(long dev) {
    listed.computeIfAbsent(dev, d -> new Entry()).changed = true;
  }

  void deleted(long dev) {
    listed.remove(dev);
  }

  boolean changed(long dev, boolean aborted) {
    Entry e = listed.get(dev);
    return e != null && (aborted ? e.aborted : e.changed);
  }

  boolean anyChanged() {
    return listed.values().stream().anyMatch(e -> e.changed);
  }

  void committed() {
    for (Iterator<Entry> it = listed.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.changed && e.open == 0) {
        it.remove();
      } else {
        e.changed = false;
      }
    }
  }

  void aborted() {
    for (Iterator<Entry> it = listed.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.open == 0) {
        it.remove();
      } else {
        e.aborted = e.changed;
        e.changed = false;
      }
    }
  }

  void reopened() {
    listed.clear();
  }
}
