package io.powercut.cli;

import io.powercut.checker.WorkloadGenerator;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.fs.FileSubject;
import io.powercut.engine.h2.H2ReleaseUnavailableException;
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
      Function<String, FileSubject<O, S>> fromSpec) {}

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
   * sequence of up to {@code exhaustive} operations when given; its subjects are the engine's
   * default, or those {@code spec} names (checked here, so a bad one is a usage error).
   */
  static Campaign<?, ?> campaign(String name, long seed, int ops, Integer exhaustive, String spec)
      throws UsageException {
    return campaign(engine(name), seed, ops, exhaustive, spec);
  }

  private static <O, S> Campaign<O, S> campaign(
      Engine<O, S> e, long seed, int ops, Integer exhaustive, String spec) throws UsageException {
    Supplier<FileSubject<O, S>> subjects = e.subjects();
    if (spec != null) {
      apply(e, spec);
      subjects = () -> e.fromSpec().apply(spec);
    }
    return new Campaign<>(
        subjects,
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
    return apply(e, spec);
  }

  // A release that cannot run here (its jar is missing) is the user's to fix, as a bad spec is.
  private static <O, S> FileSubject<O, S> apply(Engine<O, S> e, String spec) throws UsageException {
    try {
      return e.fromSpec().apply(spec);
    } catch (IllegalArgumentException | H2ReleaseUnavailableException bad) {
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
