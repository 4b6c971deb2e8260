package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explore --subject}: the data path of thin volumes and the example store, end to end. */
class ExploreSubjectTest {
  @TempDir Path dir;

  @Test
  void aDataPathBugIsFoundShrunkAndReplayedPerSector() throws Exception {
    Cli r =
        Cli.run(
            "explore",
            "--subject",
            "thin-volume",
            "--bugs",
            "flush-without-commit",
            "--workloads",
            "20",
            "--ops",
            "8",
            "--out",
            dir.toString());
    assertEquals(Main.FINDING, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("LOST_FLUSHED_WRITE"), r.out());
    assertFalse(r.out().contains("second opinion"), r.out());
    Path rep = dir.resolve("reproducer-0x1.txt");
    assertTrue(Files.readString(rep).contains("subject thin-volume bugs=flush-without-commit"));
    Cli replay = Cli.run("replay", rep.toString());
    assertEquals(Main.FINDING, replay.exitCode(), replay.err());
    assertTrue(replay.out().contains("LOST_FLUSHED_WRITE"), replay.out());
  }

  @Test
  void theCorrectTargetAndStoreSurvive() {
    Cli volume = Cli.run("explore", "--subject", "thin-volume", "--exhaustive", "1");
    assertEquals(Main.OK, volume.exitCode(), volume.err() + volume.out());
    assertTrue(volume.out().contains("no violation"), volume.out());
    Cli kv = Cli.run("explore", "--subject", "kv", "--workloads", "10");
    assertEquals(Main.OK, kv.exitCode(), kv.err() + kv.out());
    assertFalse(kv.out().contains("create_thin"), "no dm-thin coverage rows: " + kv.out());
    Cli stacked = Cli.run("explore", "--subject", "kv-on-thin", "--exhaustive", "2");
    assertEquals(Main.OK, stacked.exitCode(), stacked.err() + stacked.out());
    assertTrue(stacked.out().contains("every sequence of up to 2 operations (30)"), stacked.out());
    Cli old = Cli.run("explore", "--subject", "wal-kv", "--workloads", "2");
    assertEquals(Main.OK, old.exitCode(), "the earlier name still works: " + old.err());
  }

  /** The store on a thin volume loses a record through the pool's data-flush bug. */
  @Test
  void theStackedStoreLosesARecordThroughThePoolsBug() throws Exception {
    Cli r =
        Cli.run(
            "explore",
            "--subject",
            "kv-on-thin",
            "--bugs",
            "metadata-before-data-flush",
            "--workloads",
            "60",
            "--seed",
            "7",
            "--out",
            dir.toString());
    assertEquals(Main.FINDING, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("record 1 is missing"), r.out());
    Path rep = dir.resolve("reproducer-0x7.txt");
    String text = Files.readString(rep);
    assertTrue(text.contains("subject kv-on-thin bugs=metadata-before-data-flush"), text);
    assertTrue(text.contains("op pool snapshot"), text);
    Cli replay = Cli.run("replay", rep.toString());
    assertEquals(Main.FINDING, replay.exitCode(), replay.err());
    assertTrue(replay.out().contains("SURVIVED"), replay.out());
  }

  @Test
  void flagsOfAnotherSubjectAreUsageErrors() {
    for (String[] args :
        new String[][] {
          {"explore", "--subject", "ext4"},
          {"explore", "--subject", "wal-kv", "--bulk", "9"},
          {"explore", "--subject", "thin-volume", "--bugs", "superblock-not-flushed-typo"},
        }) {
      Cli r = Cli.run(args);
      assertEquals(Main.USAGE, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.oneLineError(), r.err());
    }
  }
}
