package io.powercut.cli;

import io.powercut.checker.WorkloadGenerator;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.fs.FileSubject;
import io.powercut.engine.h2.H2Subject;
import io.powercut.engine.h2.H2Workloads;
import io.powercut.engine.lucene.LuceneSubject;
import io.powercut.engine.lucene.LuceneWorkloads;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The real engines the command line checks at the file level, by name: what {@code explore
 * --subject} runs and what {@code replay} rebuilds from a file-level reproducer's spec.
 */
final class FileSubjects {
  /** One engine: its default subject, its workloads and how a reproducer's spec rebuilds it. */
  private record Engine<O, S>(
      String name,
      Supplier<FileSubject<O, S>> subjects,
      List<O> vocabulary,
      WorkloadGenerator<O> generator,
      Function<String, FileSubject<?, ?>> fromSpec) {}

  private static final List<Engine<?, ?>> ENGINES =
      List.of(
          new Engine<>(
              H2Subject.NAME,
              H2Subject::new,
              H2Workloads.vocabulary(),
              new H2Workloads(4),
              H2Subject::fromSpec),
          new Engine<>(
              LuceneSubject.NAME,
              LuceneSubject::new,
              LuceneWorkloads.vocabulary(),
              new LuceneWorkloads(3),
              LuceneSubject::fromSpec));

  /** The names {@code --subject} takes for file-level subjects. */
  static final List<String> NAMES = ENGINES.stream().map(Engine::name).toList();

  private FileSubjects() {}

  /** A file subject's campaign: a fresh subject per thread and its workloads. */
  record Campaign<O, S>(Supplier<FileSubject<O, S>> subjects, WorkloadSource<O> source) {}

  /**
   * The campaign of {@code name}: {@code ops} operations per workload from {@code seed}, or every
   * sequence of up to {@code exhaustive} operations when given.
   */
  static Campaign<?, ?> campaign(String name, long seed, int ops, Integer exhaustive)
      throws UsageException {
    return campaign(engine(name), seed, ops, exhaustive);
  }

  private static <O, S> Campaign<O, S> campaign(
      Engine<O, S> e, long seed, int ops, Integer exhaustive) {
    return new Campaign<>(
        e.subjects(),
        exhaustive != null
            ? WorkloadSource.exhaustive(e.vocabulary(), exhaustive)
            : WorkloadSource.random(e.generator(), seed, ops));
  }

  /** The subject a file-level reproducer names. */
  static FileSubject<?, ?> fromSpec(String spec) throws UsageException {
    String name = spec.strip().split("\\s+")[0];
    Engine<?, ?> e =
        find(name)
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown file-level subject '"
                            + name
                            + "' (this build knows "
                            + NAMES
                            + ")"));
    try {
      return e.fromSpec().apply(spec);
    } catch (IllegalArgumentException bad) {
      throw new UsageException("bad subject '" + spec + "': " + bad.getMessage());
    }
  }

  private static Engine<?, ?> engine(String name) throws UsageException {
    return find(name)
        .orElseThrow(
            () ->
                new UsageException("--subject: expected one of " + NAMES + ", got '" + name + "'"));
  }

  private static Optional<Engine<?, ?>> find(String name) {
    return ENGINES.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
