package io.powercut.checker;

import java.util.List;

/** Makes seeded workloads for a subject: the same seed always gives the same operations. */
public interface WorkloadGenerator<O> {
  List<O> generate(long seed, int length);
}
