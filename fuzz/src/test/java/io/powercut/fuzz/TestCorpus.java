package io.powercut.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The built-in corpus, built once per test JVM. */
final class TestCorpus {
  private static Corpus corpus;

  private TestCorpus() {}

  static synchronized Corpus get() {
    if (corpus == null) {
      try {
        corpus = new Corpus(SeedCorpus.builtIn());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return corpus;
  }
}
