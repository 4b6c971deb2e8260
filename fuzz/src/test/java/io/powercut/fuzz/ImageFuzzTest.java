package io.powercut.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;

/**
 * Coverage-guided fuzzing with Jazzer: the fuzzer's bytes make every choice of the structure-aware
 * mutators (which seed, which structure, which field, which value), so coverage guidance steers
 * structure. Under plain {@code mvn verify} the inputs in {@code ImageFuzzTestInputs/} run as
 * regression tests; {@code JAZZER_FUZZ=1 mvn -pl fuzz test -Dtest=ImageFuzzTest} fuzzes.
 */
class ImageFuzzTest {
  private static final Deadline DEADLINE = new Deadline(Duration.ofSeconds(10));

  @FuzzTest(maxDuration = "5m")
  void oracleHolds(FuzzedDataProvider data) {
    Corpus corpus = TestCorpus.get();
    Case c = corpus.make(choices(data));
    ImageVerdict v = DEADLINE.judge(corpus.image(c));
    if (v.failed()) {
      throw new AssertionError(
          v.failure().summary()
              + "\nseed image "
              + corpus.seedName(c)
              + ", mutations "
              + c.mutations()
              + "\n"
              + v.failure().detail());
    }
  }

  private static Choices choices(FuzzedDataProvider data) {
    return new Choices() {
      @Override
      public int below(int bound) {
        return data.consumeInt(0, bound - 1);
      }

      @Override
      public long anyLong() {
        return data.consumeLong();
      }
    };
  }
}
