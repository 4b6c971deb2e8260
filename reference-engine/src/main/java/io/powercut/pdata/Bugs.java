package io.powercut.pdata;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The set of seeded bugs switched on in one engine instance. Empty by default; the checks cost one
 * bit test when off.
 */
public final class Bugs {
  /** The correct engine. */
  public static final Bugs NONE = new Bugs(EnumSet.noneOf(Bug.class));

  private final EnumSet<Bug> on;

  private Bugs(EnumSet<Bug> on) {
    this.on = on;
  }

  public static Bugs of(Bug... bugs) {
    EnumSet<Bug> set = EnumSet.noneOf(Bug.class);
    set.addAll(Arrays.asList(bugs));
    return new Bugs(set);
  }

  public static Bugs of(Set<Bug> bugs) {
    return bugs.isEmpty() ? NONE : new Bugs(EnumSet.copyOf(bugs));
  }

  public boolean has(Bug bug) {
    return on.contains(bug);
  }

  public boolean isEmpty() {
    return on.isEmpty();
  }

  public Set<Bug> asSet() {
    return EnumSet.copyOf(on.isEmpty() ? EnumSet.noneOf(Bug.class) : on);
  }

  @Override
  public String toString() {
    return on.isEmpty() ? "none" : on.stream().map(Bug::id).collect(Collectors.joining(","));
  }
}
