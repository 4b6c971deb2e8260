package io.powercut.cli;

import io.powercut.checker.Subject;
import io.powercut.checker.WorkloadGenerator;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.kv.KvOnThin;
import io.powercut.checker.kv.KvWorkloads;
import io.powercut.checker.kv.WalKvSubject;
import io.powercut.checker.thinvolume.StackOp;
import io.powercut.checker.thinvolume.ThinVolumeSubject;
import io.powercut.checker.thinvolume.VolumeWorkloads;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@code explore --subject} runs for a subject other than dm-thin's metadata: a fresh subject
 * per thread and its workloads. (dm-thin has flags of its own; {@link ExploreCommand} builds it.)
 */
record ExploreSubject<O, S>(
    String name, Supplier<Subject<O, S>> subjects, WorkloadSource<O> source) {
  /**
   * The subject {@code name} with the seeded bugs {@code bugIds} (ids of that subject's own
   * catalog), drawing {@code ops} operations per workload from {@code seed}, or every sequence of
   * up to {@code exhaustive} operations when given.
   */
  static ExploreSubject<?, ?> of(
      String name, List<String> bugIds, long seed, int ops, Integer exhaustive)
      throws UsageException {
    String spec = bugIds.isEmpty() ? name : name + " bugs=" + String.join(",", bugIds);
    try {
      return switch (name) {
        case "kv", "wal-kv" ->
            of(
                WalKvSubject.NAME,
                spec.replaceFirst("^wal-kv", WalKvSubject.NAME),
                WalKvSubject::fromSpec,
                new KvWorkloads(4),
                KvWorkloads.vocabulary(),
                seed,
                ops,
                exhaustive);
        case "thin-volume" ->
            of(
                name,
                spec,
                ThinVolumeSubject::fromSpec,
                new VolumeWorkloads(),
                VolumeWorkloads.vocabulary(),
                seed,
                ops,
                exhaustive);
        case KvOnThin.NAME ->
            of(
                name,
                spec,
                KvOnThin::fromSpec,
                StackOp.workloads(new KvWorkloads(4)),
                StackOp.vocabulary(KvWorkloads.vocabulary()),
                seed,
                ops,
                exhaustive);
        default ->
            throw new UsageException(
                "--subject: expected dm-thin, thin-volume, kv or kv-on-thin, got '" + name + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new UsageException("--bugs: " + e.getMessage());
    }
  }

  private static <O, S> ExploreSubject<O, S> of(
      String name,
      String spec,
      Function<String, ? extends Subject<O, S>> fromSpec,
      WorkloadGenerator<O> generator,
      List<O> vocabulary,
      long seed,
      int ops,
      Integer exhaustive) {
    fromSpec.apply(spec); // refuses a bad spec here, not on a worker thread
    return new ExploreSubject<>(
        name,
        () -> fromSpec.apply(spec),
        exhaustive != null
            ? WorkloadSource.exhaustive(vocabulary, exhaustive)
            : WorkloadSource.random(generator, seed, ops));
  }
}
