package io.powercut.fuzz;

import java.util.List;

/**
 * One fuzz case: a seed image and the mutations applied to it, drawn from the case's own seed so
 * that any case of a campaign can be made again on its own.
 *
 * @param index the case's number in its campaign
 * @param seed the seed its choices were drawn from
 */
public record Case(long index, long seed, int seedImage, List<Mutation> mutations) {
  public Case {
    mutations = List.copyOf(mutations);
  }

  /** The same case with other mutations (a shrunk list). */
  public Case with(List<Mutation> changed) {
    return new Case(index, seed, seedImage, changed);
  }
}
