package io.powercut.checker.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.Replay;
import io.powercut.checker.Reproducer;
import io.powercut.checker.WorkloadGenerator;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A second engine plugs into the same checker with one small class. */
class WalKvSubjectTest {
  private static final WorkloadGenerator<String> PUTS_AND_SYNCS =
      (seed, length) -> {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < length; i++) {
          ops.add(r.nextInt(4) == 0 ? "sync" : "put " + r.nextInt(4) + " " + r.nextInt(100));
        }
        return ops;
      };

  private static CampaignResult<?> explore(boolean headerFirst) throws Exception {
    return new Explorer<String, Map<Long, Long>>(
            () -> new WalKvSubject(headerFirst),
            WorkloadSource.random(PUTS_AND_SYNCS, 3, 12),
            ExploreOptions.of(3, 30),
            ProgressListener.NONE)
        .run();
  }

  @Test
  void theCorrectStoreSurvivesEveryCrash() throws Exception {
    CampaignResult<?> r = explore(false);
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    assertTrue(r.stats().statesChecked() > 1000);
  }

  @Test
  void writingTheHeaderBeforeTheLogIsCaughtAndShrunk() throws Exception {
    CampaignResult<?> r = explore(true);
    Reproducer rep = r.reproducer().orElseThrow();
    // The smallest witness: one record and a sync whose header survives without the record.
    assertEquals(List.of("put", "sync"), rep.ops().stream().map(o -> o.split(" ")[0]).toList());
    Replay.Result replay = Replay.run(new WalKvSubject(true), rep);
    assertTrue(replay.violation(), replay.report());
    assertTrue(replay.report().contains("SURVIVED"), replay.report());
  }
}
