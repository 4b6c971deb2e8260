package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code explore --subject h2}: a real engine checked at the file level, end to end. */
class ExploreFileSubjectTest {
  @Test
  void h2SurvivesPlainPowerLossInBothModes() {
    for (String mode : new String[] {"ordered", "posix"}) {
      Cli r =
          Cli.run(
              "explore", "--subject", "h2", "--workloads", "4", "--ops", "20", "--fs-mode", mode);
      assertEquals(Main.OK, r.exitCode(), r.err() + r.out());
      assertTrue(r.out().contains("h2 at the file level, " + mode + " mode"), r.out());
      assertTrue(r.out().contains("recovered and judged per second"), r.out());
      assertTrue(r.out().contains("no violation"), r.out());
    }
  }

  @Test
  void luceneSurvivesInOrderedModeAndItsPosixFindingReplays() {
    Cli r = Cli.run("explore", "--subject", "lucene", "--workloads", "2", "--ops", "6");
    assertEquals(Main.OK, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("lucene version=9.12.3 at the file level, ordered mode"), r.out());
    assertTrue(r.out().contains("no violation"), r.out());
    Path finding =
        Path.of("..", "engine-lucene", "src", "test", "resources", "findings")
            .resolve("lucene-9.12.3-stale-commit.txt");
    Cli replay = Cli.run("replay", finding.toString());
    assertEquals(Main.FINDING, replay.exitCode(), replay.err() + replay.out());
    assertTrue(replay.out().contains("NoSuchFileException"), replay.out());
  }

  @Test
  void theKnownFindingReplaysFromItsFile() {
    Path finding =
        Path.of("..", "engine-h2", "src", "test", "resources", "findings")
            .resolve("h2-2.5.252-torn-chunk.txt");
    Cli r = Cli.run("replay", finding.toString());
    assertEquals(Main.FINDING, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("SURVIVED (torn"), r.out());
  }

  /** A historical release by flag: 1.4.199 loses synced data in a chunk move (#2067). */
  @Test
  void anOldH2ReleaseShowsItsHistoricalBugAndItsReproducerReplays() {
    Cli r =
        Cli.run(
            "explore",
            "--subject",
            "h2",
            "--h2-version",
            "1.4.199",
            "--fs-mode",
            "in-order",
            "--workloads",
            "8",
            "--ops",
            "30",
            "--seed",
            "1");
    assertEquals(Main.FINDING, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("h2 version=1.4.199 at the file level, in-order mode"), r.out());
    assertTrue(r.out().contains("map2[1] expected 4:21, got null"), r.out());
    Path finding =
        Path.of("..", "engine-h2-v1", "src", "test", "resources", "findings")
            .resolve("h2-1.4.199-partial-write.txt");
    Cli replay = Cli.run("replay", finding.toString());
    assertEquals(Main.FINDING, replay.exitCode(), replay.err() + replay.out());
    assertTrue(replay.out().contains("SURVIVED (torn"), replay.out());
  }

  @Test
  void flagsThatDoNotApplyAtTheFileLevelAreUsageErrors() {
    String[][] bad = {
      {"explore", "--subject", "h2", "--fs-mode", "ext4"},
      {"explore", "--subject", "h2", "--faults", "bitrot"},
      {"explore", "--subject", "h2", "--bugs", "superblock-not-flushed"},
      {"explore", "--subject", "h2", "--meta-blocks", "9"},
      {"explore", "--fs-mode", "posix"},
      {"explore", "--subject", "lucene", "--faults", "misdirect"},
      {"explore", "--subject", "h2", "--h2-version", "1.2.3"},
      {"explore", "--subject", "lucene", "--h2-version", "1.4.199"},
      {"explore", "--h2-version", "1.4.200"},
    };
    for (String[] args : bad) {
      Cli r = Cli.run(args);
      assertEquals(Main.USAGE, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.oneLineError(), r.err());
    }
  }
}
