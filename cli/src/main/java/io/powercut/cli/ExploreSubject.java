package io.powercut.cli;

import io.powercut.checker.Subject;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.kv.KvWorkloads;
import io.powercut.checker.kv.WalKvSubject;
import io.powercut.checker.thinvolume.ThinVolumeSubject;
import io.powercut.checker.thinvolume.VolumeWorkloads;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code explore --subject} runs for a subject other than dm-thin's metadata: a fresh subject
 * per thread and its workloads. (dm-thin has flags of its own; {@link ExploreCommand} builds it.)
 */
record ExploreSubject<O, S>(
    String name, Supplier<Subject<O, S>> subjects, WorkloadSource<O> source) {
  /** The subjects besides dm-thin that {@code explore} knows. */
  static final List<String> OTHERS = List.of("wal-kv", "thin-volume");

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
        case "wal-kv" -> {
          WalKvSubject.fromSpec(spec); // refuses a bad spec here, not on a worker thread
          yield new ExploreSubject<>(
              name,
              () -> WalKvSubject.fromSpec(spec),
              exhaustive != null
                  ? WorkloadSource.exhaustive(KvWorkloads.vocabulary(), exhaustive)
                  : WorkloadSource.random(new KvWorkloads(4), seed, ops));
        }
        case "thin-volume" -> {
          ThinVolumeSubject.fromSpec(spec);
          yield new ExploreSubject<>(
              name,
              () -> ThinVolumeSubject.fromSpec(spec),
              exhaustive != null
                  ? WorkloadSource.exhaustive(VolumeWorkloads.vocabulary(), exhaustive)
                  : WorkloadSource.random(new VolumeWorkloads(), seed, ops));
        }
        default ->
            throw new UsageException(
                "--subject: expected dm-thin, wal-kv or thin-volume, got '" + name + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new UsageException("--bugs: " + e.getMessage());
    }
  }
}
