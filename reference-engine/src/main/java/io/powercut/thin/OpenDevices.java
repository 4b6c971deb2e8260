package io.powercut.thin;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pool's list of thin devices in core (the kernel's {@code pmd->thin_devices}): every device
 * opened, created or changed since it was last written back, with how many handles are open,
 * whether it changed in this transaction, and whether the last abort threw its changes away.
 *
 * <p>As in the kernel, a commit forgets each changed device that no handle holds (and clears the
 * flag of those still open), an unchanged device stays listed, and an abort sets each listed
 * device's "aborted with changes" flag to its "changed" flag. Unlike the kernel, an abort also
 * clears "changed" and forgets the devices no handle holds: the kernel keeps its stale in-core
 * details (and would write them at the next commit; dm-thin makes the pool read-only after an
 * abort), and a listed device it created in the aborted transaction makes a new create of that id
 * fail with EEXIST; this engine re-reads the details from the last commit, so nothing is left
 * changed and only the devices someone holds keep their flag.
 */
final class OpenDevices {
  private static final class Entry {
    int openCount;
    boolean changed;
    boolean abortedWithChanges;
  }

  private final Map<Long, Entry> listed = new TreeMap<>();

  /** Counts one more open handle of {@code dev} (the caller checked that it exists). */
  void open(long dev) {
    listed.computeIfAbsent(dev, d -> new Entry()).openCount++;
  }

  void close(long dev) {
    Entry e = listed.get(dev);
    if (e == null || e.openCount == 0) {
      throw new IllegalStateException("thin device " + dev + " is not open");
    }
    e.openCount--;
  }

  boolean isOpen(long dev) {
    Entry e = listed.get(dev);
    return e != null && e.openCount > 0;
  }

  boolean anyOpen() {
    for (Entry e : listed.values()) {
      if (e.openCount > 0) {
        return true;
      }
    }
    return false;
  }

  /** The device's details changed in this transaction (created, mapped, unmapped, snapshotted). */
  void changed(long dev) {
    listed.computeIfAbsent(dev, d -> new Entry()).changed = true;
  }

  /** A deleted device leaves the list (the caller checked that no handle is open). */
  void deleted(long dev) {
    listed.remove(dev);
  }

  boolean changedThisTransaction(long dev) {
    Entry e = listed.get(dev);
    return e != null && e.changed;
  }

  boolean abortedWithChanges(long dev) {
    Entry e = listed.get(dev);
    return e != null && e.abortedWithChanges;
  }

  /** Whether any listed device changed in this transaction ({@code dm_pool_changed_this_...}). */
  boolean anyChanged() {
    for (Entry e : listed.values()) {
      if (e.changed) {
        return true;
      }
    }
    return false;
  }

  /** After a commit wrote every changed device's details. */
  void committed() {
    for (Iterator<Entry> it = listed.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.changed) {
        if (e.openCount > 0) {
          e.changed = false;
        } else {
          it.remove();
        }
      }
    }
  }

  /** After an abort dropped this transaction. */
  void aborted() {
    for (Iterator<Entry> it = listed.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.openCount == 0) {
        it.remove();
      } else {
        e.abortedWithChanges = e.changed;
        e.changed = false;
      }
    }
  }
}
