package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.pdata.SeededBug;
import io.powercut.thin.BugCatalog;
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
  void anUnknownBugIsAUsageError() {
    Cli r = Cli.run("bugs", "--only", "no-such-bug");
    assertEquals(Main.USAGE, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
    assertTrue(r.err().contains("unknown bug 'no-such-bug'"), r.err());
  }
}
