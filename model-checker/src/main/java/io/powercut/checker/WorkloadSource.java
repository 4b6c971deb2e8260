package io.powercut.checker;

import io.powercut.property.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The workloads of a campaign, by index: seeded random ones, or every short sequence. */
public interface WorkloadSource<O> {
  /** Workload number {@code index}; the same index always gives the same operations. */
  List<O> workload(long index);

  /** How many workloads there are; empty if there is no end. */
  OptionalLong size();

  /** Workload {@code i} is {@code generator}'s workload for seed {@code Seeds.derive(seed, i)}. */
  static <O> WorkloadSource<O> random(WorkloadGenerator<O> generator, long seed, int length) {
    return new WorkloadSource<>() {
      @Override
      public List<O> workload(long index) {
        return generator.generate(Seeds.derive(seed, index), length);
      }

      @Override
      public OptionalLong size() {
        return OptionalLong.empty();
      }
    };
  }

  /**
   * Every sequence of 1 to {@code maxLength} operations over {@code vocabulary} (bounded exhaustive
   * testing, as ACE does for file systems), shortest first.
   */
  static <O> WorkloadSource<O> exhaustive(List<O> vocabulary, int maxLength) {
    int v = vocabulary.size();
    long total = 0;
    long count = 1;
    for (int len = 1; len <= maxLength; len++) {
      count = Math.multiplyExact(count, v);
      total = Math.addExact(total, count);
    }
    long size = total;
    return new WorkloadSource<>() {
      @Override
      public List<O> workload(long index) {
        if (index < 0 || index >= size) {
          throw new IndexOutOfBoundsException("workload " + index + " of " + size);
        }
        long rest = index;
        long n = v;
        int len = 1;
        while (rest >= n) {
          rest -= n;
          n *= v;
          len++;
        }
        List<O> ops = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
          ops.add(null);
        }
        for (int i = len - 1; i >= 0; i--) {
          ops.set(i, vocabulary.get((int) (rest % v)));
          rest /= v;
        }
        return ops;
      }

      @Override
      public OptionalLong size() {
        return OptionalLong.of(size);
      }
    };
  }
}
