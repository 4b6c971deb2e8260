package io.powercut.checker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.CampaignStats;
import io.powercut.checker.Campaigns;
import io.powercut.checker.CrashSearch;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Finding;
import io.powercut.checker.IoErrorPlan;
import io.powercut.checker.Replay;
import io.powercut.checker.Reproducer;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.Trace;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checker must catch a broken commit and shrink it to a small reproducer that replays the same
 * way every time.
 */
class BugDetectionTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = PdataBug.class,
      names = {"SUPERBLOCK_BEFORE_FLUSH", "REUSE_FREED_BLOCK", "SUPERBLOCK_NOT_FLUSHED"})
  void aBrokenCommitIsCaughtShrunkAndReplayed(PdataBug bug) throws Exception {
    CampaignResult<?> r =
        Campaigns.thin(
            () -> new ThinSubject(1024, 1024, Bugs.of(bug)), ExploreOptions.of(7, 50), 40);
    assertTrue(r.finding().isPresent(), bug + " went unnoticed in " + r.stats().statesChecked());
    Reproducer rep = r.reproducer().get();
    assertTrue(rep.ops().size() <= 6, "shrunk to " + rep.ops().size() + " ops:\n" + rep.render());
    assertTrue(rep.subject().contains("bugs=" + bug.id()), rep.subject());

    Path file = dir.resolve(bug.id() + ".repro");
    rep.write(file);
    Reproducer read = Reproducer.read(file);
    assertEquals(rep, read, "the file round-trips");
    ThinSubject subject = ThinSubject.fromSpec(read.subject());
    Replay.Result first = Replay.run(subject, read);
    Replay.Result second = Replay.run(ThinSubject.fromSpec(read.subject()), read);
    assertTrue(first.violation(), first.report());
    assertEquals(first.report(), second.report(), "replay is deterministic byte for byte");
  }

  @ParameterizedTest
  @EnumSource(
      value = PdataBug.class,
      names = {"SUPERBLOCK_BEFORE_FLUSH", "REUSE_FREED_BLOCK"})
  void theCorrectEngineSurvivesTheReproducersWorkload(PdataBug bug) throws Exception {
    CampaignResult<?> r =
        Campaigns.thin(
            () -> new ThinSubject(1024, 1024, Bugs.of(bug)), ExploreOptions.of(7, 50), 40);
    Reproducer rep = r.reproducer().orElseThrow();
    ThinSubject correct = new ThinSubject(1024, 1024, Bugs.NONE);
    ThinOpCodec codec = new ThinOpCodec();
    List<ThinOp> ops = rep.ops().stream().map(codec::parse).toList();
    Finding f =
        new CrashSearch<>(correct, SearchOptions.defaults(7))
            .search(Trace.run(correct, ops, IoErrorPlan.NONE), new CampaignStats());
    assertNull(f, () -> "the correct engine fails too: " + f);
  }
}
