package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.junit.Seeded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignTest {
  private final Corpus corpus = TestCorpus.get();
  @TempDir Path out;

  private FuzzOptions options(long seed, long cases, int threads) {
    return FuzzOptions.of(seed, Duration.ofMinutes(5), out, FuzzTarget.ENGINE)
        .withCaseLimit(cases)
        .withThreads(threads)
        .withDeadline(Duration.ofSeconds(30));
  }

  @Test
  void aCaseIsItsSeedsAloneWhateverRanBefore() {
    assertEquals(corpus.make(5, 17), corpus.make(5, 17));
    assertEquals(corpus.image(corpus.make(5, 17)).bytes().length, 256 * Image.BLOCK_SIZE);
    assertNotEquals(corpus.make(5, 17), corpus.make(6, 17));
  }

  /** A short campaign: every case judged, no finding, and the same outcomes on any thread count. */
  @Seeded
  @Test
  void aShortCampaignFindsNothingAndDoesNotDependOnThreads(long seed) throws Exception {
    List<ImageFinding> found = new ArrayList<>();
    Campaign.Listener listener =
        new Campaign.Listener() {
          @Override
          public void progress(Campaign.Progress p) {}

          @Override
          public void found(ImageFinding f) {
            found.add(f);
          }
        };
    Campaign one = new Campaign(corpus, options(seed, 400, 1), listener);
    Campaign.Progress p1 = one.run();
    Campaign two = new Campaign(corpus, options(seed, 400, 2), listener);
    Campaign.Progress p2 = two.run();
    assertEquals(400, p1.cases());
    assertEquals(400, p2.cases());
    assertEquals(
        List.of(),
        found.stream()
            .map(f -> f.failure().summary() + " " + f.replayCommand(FuzzTarget.ENGINE))
            .toList());
    assertEquals(p1.outcomes(), p2.outcomes());
    assertTrue(p1.outcomes() > 40, "distinct outcomes: " + p1.outcomes());
  }

  @Test
  void shardsPartitionTheCasesOfASeed() {
    java.util.Set<Long> seen = new java.util.TreeSet<>();
    for (int k = 0; k < 3; k++) {
      FuzzOptions o =
          FuzzOptions.of(5, Duration.ofMinutes(1), out, FuzzTarget.ENGINE)
              .withCaseLimit(10)
              .withShard(k, 3);
      for (long n = 0; n < 10; n++) {
        assertTrue(seen.add(o.caseNumber(n)), "case " + o.caseNumber(n) + " in two shards");
      }
    }
    for (long i = 0; i < 30; i++) {
      assertTrue(seen.contains(i), "case " + i + " in no shard");
    }
  }
}
