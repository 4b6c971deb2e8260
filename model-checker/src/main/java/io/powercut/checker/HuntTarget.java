package io.powercut.checker;

import io.powercut.pdata.SeededBug;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link BugHunt} needs to hunt one subject's seeded bugs: the subject with a bug switched on,
 * the workloads that reach the catalog, and the fault classes a bug needs to show (a bug that only
 * misbehaves when an IO fails is hunted with IO errors on).
 *
 * @param <O> the subject's operations
 * @param <S> the state its recovery reads back
 */
public interface HuntTarget<O, S> {
  /** The subject's name, as {@code explore --subject} and reproducers name it. */
  String name();

  /** Every seeded bug of the subject's catalog, hunted or not, in catalog order. */
  List<SeededBug> all();

  /**
   * Bugs no crash campaign reaches within a budget, and why (each still has a direct test that
   * proves its switch misbehaves).
   */
  default Map<SeededBug, String> outOfReach() {
    return Map.of();
  }

  /** The subject with only {@code bug} switched on. */
  Subject<O, S> subject(SeededBug bug);

  /** The workloads of a hunt from {@code seed}. */
  WorkloadSource<O> workloads(long seed);

  /** The fault classes {@code bug} is hunted with (none by default). */
  default Set<FaultClass> faults(SeededBug bug) {
    return Set.of();
  }

  /** The bugs a hunt is expected to detect: {@link #all} but those out of reach. */
  default List<SeededBug> catalog() {
    return all().stream().filter(b -> !outOfReach().containsKey(b)).toList();
  }
}
