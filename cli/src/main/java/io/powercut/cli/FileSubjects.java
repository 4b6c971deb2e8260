package io.powercut.cli;

import io.powercut.checker.WorkloadSource;
import io.powercut.checker.fs.FileSubject;
import io.powercut.engine.h2.H2Subject;
import io.powercut.engine.h2.H2Workloads;
import java.util.List;
import java.util.function.Supplier;

/**
 * The real engines the command line checks at the file level, by name: what {@code explore
 * --subject} runs and what {@code replay} rebuilds from a file-level reproducer's spec.
 */
final class FileSubjects {
  /** The names {@code --subject} takes for file-level subjects. */
  static final List<String> NAMES = List.of(H2Subject.NAME);

  private FileSubjects() {}

  /** A file subject's campaign: a fresh subject per thread and its workloads. */
  record Campaign<O, S>(Supplier<FileSubject<O, S>> subjects, WorkloadSource<O> source) {}

  /**
   * The campaign of {@code name}: {@code ops} operations per workload from {@code seed}, or every
   * sequence of up to {@code exhaustive} operations when given.
   */
  static Campaign<?, ?> campaign(String name, long seed, int ops, Integer exhaustive)
      throws UsageException {
    if (name.equals(H2Subject.NAME)) {
      return new Campaign<>(
          H2Subject::new,
          exhaustive != null
              ? WorkloadSource.exhaustive(H2Workloads.vocabulary(), exhaustive)
              : WorkloadSource.random(new H2Workloads(4), seed, ops));
    }
    throw new UsageException("--subject: expected one of " + NAMES + ", got '" + name + "'");
  }

  /** The subject a file-level reproducer names. */
  static FileSubject<?, ?> fromSpec(String spec) throws UsageException {
    String name = spec.strip().split("\\s+")[0];
    try {
      if (name.equals(H2Subject.NAME)) {
        return H2Subject.fromSpec(spec);
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("bad subject '" + spec + "': " + e.getMessage());
    }
    throw new UsageException(
        "unknown file-level subject '" + name + "' (this build knows " + NAMES + ")");
  }
}
