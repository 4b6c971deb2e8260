package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.fuzz.Image;
import io.powercut.fuzz.Mutation;
import io.powercut.fuzz.SeedCorpus;
import io.powercut.fuzz.SuperblockField;
import io.powercut.thin.Superblock;
import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FuzzCommandTest {
  @TempDir Path dir;

  private Path seedImage(Mutation... ms) throws IOException {
    Image image = SeedCorpus.builtIn().get(0).image().copy();
    for (Mutation m : ms) {
      m.apply(image);
    }
    Path file = dir.resolve("seed.img");
    image.save(file);
    return file;
  }

  @Test
  void aShortCampaignJudgesEveryCaseAndPrintsItsFigures() {
    Cli r =
        Cli.run(
            "fuzz",
            "--cases",
            "300",
            "--threads",
            "2",
            "--thin-check",
            "off",
            "--out",
            dir.toString());
    assertEquals(Main.OK, r.exitCode(), r.out() + r.err());
    assertTrue(
        r.out().startsWith("powercut fuzz: target engine, seed 0x1, 14 seed images"), r.out());
    assertTrue(r.out().contains("images judged                        300\n"), r.out());
    assertTrue(r.out().contains("images per second"), r.out());
    assertTrue(r.out().endsWith("no finding\n"), r.out());
  }

  @Test
  void aCaseIsPrintedAndJudgedTheSameEveryTime() {
    Cli a = Cli.run("fuzz", "--seed", "3", "--case", "7");
    Cli b = Cli.run("fuzz", "--seed", "0x3", "--case", "7");
    assertEquals(Main.OK, a.exitCode(), a.out() + a.err());
    assertTrue(a.out().startsWith("case 7 of seed 0x3: seed image "), a.out());
    assertTrue(a.out().lines().anyMatch(l -> l.startsWith("  ")), a.out());
    assertEquals(a.out(), b.out());
  }

  @Test
  void aReplayedCleanImageIsNoFinding() throws IOException {
    Cli r = Cli.run("fuzz", "--replay", seedImage().toString());
    assertEquals(Main.OK, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().endsWith("no finding\n"), r.out());
  }

  @Test
  void badFlagsAreUsageErrorsOnOneLine() {
    String[][] bad = {
      {"fuzz", "--target", "disks"},
      {"fuzz", "--replay", dir.resolve("missing.img").toString()},
      {"fuzz", "--seed", "zz", "--cases", "1"},
      {"fuzz", "--thin-check", "maybe", "--cases", "1"},
    };
    for (String[] args : bad) {
      Cli r = Cli.run(args);
      assertEquals(Main.USAGE, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.oneLineError(), r.err());
    }
  }

  /** thin_check 0.9.0 does not check the magic number; ours does, so passing it is a finding. */
  @Test
  @RequiresThinTools(
      value = ToolsGeneration.V0_9,
      exactVersion = "0.9.0",
      tools = {ThinTool.THIN_CHECK, ThinTool.THIN_DUMP, ThinTool.THIN_LS, ThinTool.THIN_RMAP})
  void theRealToolsPassingDamageIsAFindingWithExitOne() throws IOException {
    Path image =
        seedImage(new Mutation.SetSuperblockField(0, SuperblockField.MAGIC, Superblock.MAGIC + 1));
    Cli r = Cli.run("fuzz", "--target", "thin-tools", "--replay", image.toString());
    assertEquals(Main.FINDING, r.exitCode(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "FINDING: TOOL_SILENT_ACCEPT in thin_check 0.9.0: exit 0, but FATAL block 0: magic"),
        r.out());
    assertTrue(Files.exists(image));
  }

  @Test
  void shardsSplitTheCasesAndReportTheirFigures() throws Exception {
    long images = 0;
    for (int k = 0; k < 2; k++) {
      Path report = dir.resolve("shard-" + k);
      Cli r =
          Cli.run(
              "fuzz",
              "--cases",
              "60",
              "--shard",
              k + "/2",
              "--thin-check",
              "off",
              "--out",
              dir.toString(),
              "--report",
              report.toString());
      assertEquals(Main.OK, r.exitCode(), r.out() + r.err());
      assertTrue(r.out().contains("shard " + k + "/2"), r.out());
      String results = Files.readString(report.resolve("results.jsonl"));
      assertTrue(results.contains("\"type\":\"fuzz\""), results);
      assertTrue(Files.exists(report.resolve("index.html")));
      images += 60;
    }
    assertEquals(120, images);
    Cli bad = Cli.run("fuzz", "--shard", "2/2");
    assertEquals(Main.USAGE, bad.exitCode());
  }
}
