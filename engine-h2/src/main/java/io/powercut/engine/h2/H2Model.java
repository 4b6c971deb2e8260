package io.powercut.engine.h2;

import io.powercut.checker.Model;
import io.powercut.checker.Outcome;
import io.powercut.engine.h2.H2State.Contents;
import io.powercut.engine.h2.H2State.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What MVStore promises across a power cut (see {@link H2Subject} for the sources of each rule).
 *
 * <ul>
 *   <li><b>Versions are whole.</b> A recovered store holds exactly one committed version: never a
 *       mix of two, never a change that no commit stored, never a value's bytes that were not
 *       written whole.
 *   <li><b>Durable versions stay.</b> {@code sync()} makes the last committed version durable; so
 *       does a clean close (it commits, writes the clean-shutdown mark and fsyncs), hence {@code
 *       reopen} makes the open version durable. A recovered version is never older than the last
 *       durable one.
 *   <li><b>A commit alone promises nothing durable.</b> {@code commit()} writes a chunk but does
 *       not fsync, so a power cut may lose it (and every later commit); each such version may be
 *       the one recovered, but only whole. {@code compact} is treated the same way: it may commit
 *       the open version (when it rewrites chunks) and it fsyncs only when it moves chunks, which
 *       the outcome does not tell, so it makes nothing durable in the model.
 * </ul>
 *
 * The committed state is therefore a {@link Versions}: the last durable version and every version
 * committed since, oldest first. The engine tells which operations stored a version ({@code ok 1},
 * see {@link H2Engine}); puts and removes must never store one (auto-commit is off), and a commit
 * that stores nothing must have had nothing to store.
 */
final class H2Model implements Model<H2Op, H2State> {
  private final List<TreeMap<Long, StampedValue>> open = new ArrayList<>();
  private Contents durable = Contents.empty();
  private final List<Contents> since = new ArrayList<>();

  H2Model() {
    for (int m = 0; m < H2Subject.MAPS; m++) {
      open.add(new TreeMap<>());
    }
  }

  @Override
  public String apply(H2Op op, Outcome outcome) {
    if (!outcome.isOk()) {
      return "expected ok, got " + outcome;
    }
    boolean stored = outcome.value() == 1;
    if (op instanceof H2Op.Put p) {
      open.get(p.map()).put(p.key(), p.value());
    } else if (op instanceof H2Op.Remove r) {
      open.get(r.map()).remove(r.key());
    }
    return switch (op.kind()) {
      case PUT, REMOVE -> stored ? "stored a version, but auto-commit is disabled" : null;
      case COMMIT -> commit(stored);
      case COMPACT -> {
        if (stored) {
          since.add(openContents());
        }
        yield null;
      }
      case SYNC -> {
        durable = lastCommitted();
        since.clear();
        yield stored ? "sync stored a version" : null;
      }
      case REOPEN -> {
        durable = openContents();
        since.clear();
        yield null;
      }
    };
  }

  private String commit(boolean stored) {
    Contents now = openContents();
    if (stored) {
      since.add(now);
      return null;
    }
    String unsaved = lastCommitted().diff(now);
    return unsaved == null
        ? null
        : "commit stored nothing, but the open version differs: " + unsaved;
  }

  private Contents lastCommitted() {
    return since.isEmpty() ? durable : since.get(since.size() - 1);
  }

  private Contents openContents() {
    List<SortedMap<Long, StampedValue>> maps = new ArrayList<>(open);
    return new Contents(maps);
  }

  @Override
  public H2State committed() {
    List<Contents> allowed = new ArrayList<>();
    allowed.add(durable);
    allowed.addAll(since);
    return new Versions(allowed);
  }

  /**
   * Null if {@code recovered} is {@code expected}, or one of its versions; else what differs from
   * the newest allowed version (for a {@link Versions}, the one a reader most likely expected).
   */
  @Override
  public String diff(H2State expected, H2State recovered) {
    if (!(recovered instanceof Contents got)) {
      throw new IllegalArgumentException("expected recovered contents, got " + recovered);
    }
    if (expected instanceof Contents want) {
      return want.diff(got);
    }
    Versions versions = (Versions) expected;
    for (Contents v : versions.allowed()) {
      if (v.diff(got) == null) {
        return null;
      }
    }
    return "expected one of "
        + versions.allowed().size()
        + " versions (the last durable and those committed since), got none; against the newest: "
        + versions.newest().diff(got);
  }
}
