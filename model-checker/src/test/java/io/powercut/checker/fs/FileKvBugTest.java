package io.powercut.checker.fs;

import static io.powercut.checker.fs.FileKvCampaigns.describe;
import static io.powercut.checker.fs.FileKvCampaigns.explore;
import static io.powercut.checker.fs.FileKvCampaigns.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Finding;
import io.powercut.checker.Replay;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.Verdict;
import io.powercut.fs.FsCrashPoint;
import io.powercut.fs.FsCrashState;
import io.powercut.fs.PersistenceMode;
import io.powercut.property.junit.Seeded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each seeded bug is caught in the mode where it is one, shrunk to one operation and the fewest
 * surviving file operations, written, parsed and replayed; where the mode says the protocol is
 * safe, nothing is flagged (no false alarms).
 */
class FileKvBugTest {
  private static final PersistenceMode POSIX = PersistenceMode.POSIX;
  private static final PersistenceMode ORDERED = PersistenceMode.ORDERED;

  @TempDir Path dir;

  @Seeded
  @Test
  void renamingWithoutAForceLosesTheValueInPosix(long seed) throws Exception {
    FileReproducer r = caught(new FileKvSubject(Set.of(FileKvBug.NO_FORCE), 2, false), POSIX, seed);
    assertTrue(r.finding().message().contains("got absent"), r.render());
  }

  @Seeded
  @Test
  void renamingWithoutAForceIsSafeInOrderedWhenItReplacesAFile(long seed) throws Exception {
    // auto_da_alloc: a rename over an existing file brings the renamed file's data with it. Only
    // puts over preloaded keys: after a delete the rename replaces nothing (the next test).
    FileKvSubject s = new FileKvSubject(Set.of(FileKvBug.NO_FORCE), FileKvCampaigns.KEYS, false);
    FileCampaignResult<FileKvOp> r =
        explore(
            s, ORDERED, options(seed, 30, true), FileKvOp.workloads(FileKvCampaigns.KEYS, false));
    assertTrue(r.finding().isEmpty(), describe(r));
    assertTrue(r.stats().count(FaultClass.TORN, Verdict.MASKED) > 0, describe(r));
    FileCampaignResult<FileKvOp> withDeletes = explore(s, ORDERED, options(seed, 30, true));
    FileReproducer rep =
        withDeletes.reproducer().orElseThrow(() -> new AssertionError(describe(withDeletes)));
    List<FileKvOp> ops = rep.finding(FileKvOp.CODEC).ops();
    assertEquals(2, ops.size(), rep.render());
    FileKvOp.Delete delete = (FileKvOp.Delete) ops.get(0);
    assertEquals(delete.key(), ((FileKvOp.Put) ops.get(1)).key(), rep.render());
  }

  @Seeded
  @Test
  void renamingANewFileWithoutAForceLosesItsDataInOrdered(long seed) throws Exception {
    // No file replaced, no auto_da_alloc: the name commits with the directory, the data does not.
    FileReproducer r = caught(FileKvSubject.with(FileKvBug.NO_FORCE), ORDERED, seed);
    assertTrue(r.ops().get(0).startsWith("put "), r.render());
  }

  @Seeded
  @Test
  void forcingTheFileInsteadOfTheDirectoryLosesTheRenameInPosix(long seed) throws Exception {
    FileKvSubject s = FileKvSubject.with(FileKvBug.NO_DIR_SYNC);
    FileReproducer r = caught(s, POSIX, seed);
    assertTrue(r.finding().message().contains("recovered state differs"), r.render());
    String report = FileReplay.run(s, r).report();
    List<String> renames = report.lines().filter(l -> l.contains(" rename ")).toList();
    assertEquals(1, renames.size(), report);
    assertTrue(renames.get(0).endsWith("  lost"), report);
    assertTrue(report.contains("mark op 0 put "), "the operation's mark opens the log: " + report);
  }

  @Seeded
  @Test
  void forcingTheFileInsteadOfTheDirectoryIsSafeInOrdered(long seed) throws Exception {
    // ext4 commits the journal up to the rename that touched the forced file.
    clean(FileKvSubject.with(FileKvBug.NO_DIR_SYNC), ORDERED, seed, true);
  }

  @Seeded
  @Test
  void writingInPlaceIsSafeWhenWritesLandWhole(long seed) throws Exception {
    for (PersistenceMode mode : PersistenceMode.values()) {
      clean(inPlace(false), mode, seed, false);
    }
  }

  @Seeded
  @Test
  void writingInPlaceIsSilentlyWrongWhenAWriteTears(long seed) throws Exception {
    for (PersistenceMode mode : PersistenceMode.values()) {
      FileReproducer r = caught(inPlace(false), mode, seed, true);
      assertEquals(FaultClass.TORN, r.finding().fault(), r.render());
      assertTrue(r.finding().message().contains("damaged"), r.render());
    }
  }

  @Seeded
  @Test
  void aTornRecordThatRecoveryReportsIsDetectedNotAViolation(long seed) throws Exception {
    for (PersistenceMode mode : PersistenceMode.values()) {
      FileCampaignResult<FileKvOp> r = explore(inPlace(true), mode, options(seed, 30, true));
      assertTrue(r.finding().isEmpty(), mode + ": " + describe(r));
      assertTrue(r.stats().count(FaultClass.TORN, Verdict.DETECTED) > 0, mode + ": detected");
    }
  }

  @Seeded
  @Test
  void corruptionReportedAfterAPlainPowerLossIsAViolation(long seed) throws Exception {
    // Without a force the renamed file may be empty; a verifying recovery says so.
    FileKvSubject s = new FileKvSubject(Set.of(FileKvBug.NO_FORCE), FileKvCampaigns.KEYS, true);
    FileReproducer r = caught(s, POSIX, seed, false);
    assertEquals(FaultClass.DROP, r.finding().fault(), r.render());
    assertTrue(r.finding().message().startsWith("recovery failed: k"), r.render());
  }

  /** The in-place store over preloaded keys, so that a first put overwrites. */
  private static FileKvSubject inPlace(boolean verify) {
    return new FileKvSubject(Set.of(FileKvBug.IN_PLACE), FileKvCampaigns.KEYS, verify);
  }

  private static void clean(FileKvSubject subject, PersistenceMode mode, long seed, boolean torn)
      throws Exception {
    FileCampaignResult<FileKvOp> r = explore(subject, mode, options(seed, 30, torn));
    assertTrue(r.finding().isEmpty(), mode + " torn " + torn + ": " + describe(r));
    assertTrue(r.stats().statesChecked() > 500, describe(r));
  }

  private FileReproducer caught(FileKvSubject subject, PersistenceMode mode, long seed)
      throws Exception {
    return caught(subject, mode, seed, false);
  }

  /**
   * The campaign finds the bug, shrunk to one operation and survivors of which none can be dropped;
   * the reproducer round-trips through a file and replays to the same violation, byte for byte; the
   * same workload on the fixed store is clean.
   */
  private FileReproducer caught(
      FileKvSubject subject, PersistenceMode mode, long seed, boolean torn) throws Exception {
    ExploreOptions o = options(seed, 30, torn);
    FileCampaignResult<FileKvOp> r = explore(subject, mode, o);
    FileReproducer rep = r.reproducer().orElseThrow(() -> new AssertionError(describe(r)));
    assertEquals(Finding.Kind.CRASH, rep.finding().kind(), rep.render());
    assertEquals(1, rep.ops().size(), rep.render());
    assertEquals(mode, rep.mode());
    assertEquals(subject.spec(), rep.subject());

    Path file = dir.resolve("finding.repro");
    rep.write(file);
    FileReproducer read = FileReproducer.read(file);
    assertEquals(rep, read);

    Replay.Result replay = FileReplay.run(subject, read);
    assertTrue(replay.violation(), replay.report());
    assertTrue(replay.report().contains("verdict: VIOLATION"), replay.report());
    assertTrue(
        replay.report().contains("SURVIVED") || replay.report().contains("lost"), replay.report());
    assertEquals(replay.report(), FileReplay.run(subject, read).report(), "byte for byte");

    assertOneMinimal(subject, read);

    FileCrashSearch<FileKvOp, Map<Integer, String>> fixed =
        new FileCrashSearch<>(subject.fixed(), o.search(), mode);
    List<FileKvOp> ops = read.finding(subject.codec()).ops();
    assertNull(fixed.search(fixed.trace(ops), new CampaignStats()), "fixed: " + rep.render());
    return rep;
  }

  /** Dropping any one survivor of the shrunk state no longer violates (or is no crash). */
  private static void assertOneMinimal(FileKvSubject subject, FileReproducer rep) throws Exception {
    FileCrashSearch<FileKvOp, Map<Integer, String>> search =
        new FileCrashSearch<>(subject, SearchOptions.defaults(0), rep.mode());
    FileFinding<FileKvOp> f = rep.finding(subject.codec());
    FileTrace<FileKvOp, Map<Integer, String>> trace = search.trace(f.ops());
    FsCrashState state = f.crashState();
    FsCrashPoint point = trace.crashPoint(state.position(), rep.mode());
    List<Integer> survivors = new ArrayList<>();
    for (int op : point.pending()) {
      if (state.covers(op)) {
        survivors.add(op);
      }
    }
    for (int drop : survivors) {
      FsCrashState.Builder b = FsCrashState.at(state.position());
      survivors.stream().filter(o -> o != drop).forEach(b::survive);
      boolean tearKept = true;
      for (var tear : state.tears().entrySet()) {
        if (tear.getKey() == drop) {
          tearKept = false;
        } else {
          b.tear(tear.getKey(), tear.getValue());
        }
      }
      if (!tearKept) {
        continue;
      }
      FsCrashState fewer = b.build();
      boolean violates;
      try {
        violates = search.judge(trace, fewer).isViolation();
      } catch (IllegalArgumentException notACrashOfThisMode) {
        violates = false;
      }
      assertFalse(violates, "survivor " + drop + " is not needed: " + rep.render());
    }
  }
}
