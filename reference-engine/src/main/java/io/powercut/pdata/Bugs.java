package io.powercut.pdata;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The set of seeded bugs switched on in one engine instance. Empty by default; a check costs one
 * length test when no bug is on, and a scan of a few references otherwise.
 */
public final class Bugs {
  /** The correct engine. */
  public static final Bugs NONE = new Bugs(new SeededBug[0]);

  /** Distinct bugs, in the order given. */
  private final SeededBug[] on;

  private Bugs(SeededBug[] on) {
    this.on = on;
  }

  public static Bugs of(SeededBug... bugs) {
    return of(Arrays.asList(bugs));
  }

  /** The given bugs (duplicates once), in their iteration order. */
  public static Bugs of(Collection<? extends SeededBug> bugs) {
    Set<SeededBug> distinct = new LinkedHashSet<>();
    for (SeededBug b : bugs) {
      assert b != null;
      distinct.add(b);
    }
    return distinct.isEmpty() ? NONE : new Bugs(distinct.toArray(new SeededBug[0]));
  }

  public boolean has(SeededBug bug) {
    for (SeededBug b : on) {
      if (b == bug) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return on.length == 0;
  }

  public Set<SeededBug> asSet() {
    return Set.of(on);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bugs b && asSet().equals(b.asSet());
  }

  @Override
  public int hashCode() {
    return asSet().hashCode();
  }

  /** The ids joined by commas, or "none". */
  @Override
  public String toString() {
    return on.length == 0
        ? "none"
        : Arrays.stream(on).map(SeededBug::id).collect(Collectors.joining(","));
  }
}
