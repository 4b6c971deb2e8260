package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.pdata.SeededBug;
import io.powercut.thin.BugCatalog;
import io.powercut.thin.target.TargetBugCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BugsCommandTest {
  @TempDir Path dir;

  @Test
  void listNamesEveryBugAndWhatItMirrors() {
    Cli r = Cli.run("bugs", "--list");
    assertEquals(Main.OK, r.exitCode(), r.err());
    for (SeededBug b : BugCatalog.ALL) {
      assertTrue(r.out().contains(b.id()), b.id());
      assertTrue(r.out().contains(b.mirrors()), b.id());
    }
  }

  @Test
  void aDetectedBugGetsATableRowAndAReproducer() throws Exception {
    Path report = dir.resolve("report");
    Cli r =
        Cli.run(
            "bugs",
            "--only",
            "superblock-not-flushed,transaction-id-in-place",
            "--budget",
            "60s",
            "--out",
            dir.toString(),
            "--report",
            report.toString());
    assertEquals(Main.OK, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("2 of 2 detected"), r.out());
    assertTrue(r.out().matches("(?s).*superblock-not-flushed\\s+yes.*"), r.out());
    assertTrue(Files.exists(dir.resolve("transaction-id-in-place.txt")));
    assertTrue(
        Files.readString(report.resolve("results.jsonl"))
            .contains("\"bug\":\"superblock-not-flushed\""));
    assertTrue(Files.exists(report.resolve("index.html")));
    Cli replay = Cli.run("replay", dir.resolve("transaction-id-in-place.txt").toString());
    assertEquals(Main.FINDING, replay.exitCode(), replay.out());
  }

  @Test
  void theThinVolumeCatalogIsHuntedAndReplayedPerSector() throws Exception {
    Cli list = Cli.run("bugs", "--subject", "thin-volume", "--list");
    assertEquals(Main.OK, list.exitCode(), list.err());
    for (SeededBug b : TargetBugCatalog.dataPath()) {
      assertTrue(list.out().contains(b.id()), b.id());
    }
    assertTrue(!list.out().contains("superblock-not-flushed"), list.out());
    Cli r =
        Cli.run(
            "bugs",
            "--subject",
            "thin-volume",
            "--only",
            "flush-without-commit",
            "--budget",
            "60s",
            "--out",
            dir.toString());
    assertEquals(Main.OK, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("1 of 1 detected"), r.out());
    Cli replay = Cli.run("replay", dir.resolve("flush-without-commit.txt").toString());
    assertEquals(Main.FINDING, replay.exitCode(), replay.out());
    assertTrue(replay.out().contains("sector"), replay.out());
  }

  @Test
  void aBugOfAnotherSubjectOrAnUnknownSubjectIsAUsageError() {
    Cli r = Cli.run("bugs", "--subject", "thin-volume", "--only", "superblock-not-flushed");
    assertEquals(Main.USAGE, r.exitCode());
    assertTrue(r.err().contains("unknown bug 'superblock-not-flushed'"), r.err());
    assertTrue(r.err().contains("thin-volume"), r.err());
    Cli s = Cli.run("bugs", "--subject", "nope");
    assertEquals(Main.USAGE, s.exitCode());
    assertTrue(s.err().contains("expected dm-thin, thin-volume or h2, got 'nope'"), s.err());
  }

  @Test
  void anUnknownBugIsAUsageError() {
    Cli r = Cli.run("bugs", "--only", "no-such-bug");
    assertEquals(Main.USAGE, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
    assertTrue(r.err().contains("unknown bug 'no-such-bug'"), r.err());
  }

  /** h2's catalog is the bugs it really shipped: found on 1.4.199, not on 1.4.200. */
  @Test
  void h2sHistoricalBugsAreFoundWhereTheyShippedAndNotWhereTheyWereFixed() throws Exception {
    Cli list = Cli.run("bugs", "--subject", "h2", "--list");
    assertEquals(Main.OK, list.exitCode(), list.err());
    assertTrue(
        list.out().contains("issues/2049") && list.out().contains("issues/2067"), list.out());
    Cli r = Cli.run("bugs", "--subject", "h2", "--out", dir.toString());
    assertEquals(Main.OK, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("2 of 2 rediscovered"), r.out());
    for (String bug : new String[] {"h2-2049", "h2-2067"}) {
      Path rep = dir.resolve(bug + "-1.4.199.txt");
      assertTrue(Files.exists(rep), r.out());
      assertFalse(Files.exists(dir.resolve(bug + "-1.4.200.txt")), r.out());
      Cli replay = Cli.run("replay", rep.toString());
      assertEquals(Main.FINDING, replay.exitCode(), replay.err() + replay.out());
    }
    Cli bad = Cli.run("bugs", "--subject", "h2", "--only", "h2-1");
    assertEquals(Main.USAGE, bad.exitCode());
    assertTrue(bad.err().contains("unknown bug 'h2-1' of h2"), bad.err());
  }
}
