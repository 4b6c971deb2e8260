package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;

  private Path restored() throws IOException {
    Path xml = dir.resolve("pool.xml");
    Files.writeString(xml, RestoreDumpCommandTest.INPUT);
    Path image = dir.resolve("pool.img");
    assertEquals(
        Main.OK, Cli.run("restore", "-i", xml.toString(), "-o", image.toString()).exitCode());
    return image;
  }

  @Test
  void aRestoredImageIsClean() throws IOException {
    Path image = restored();
    Cli r = Cli.run("check", image.toString());
    assertEquals(Main.OK, r.exitCode(), r.out() + r.err());
    assertTrue(
        r.out().startsWith(image + ": clean; transaction 3, 3 devices, 8 mappings"), r.out());
    assertEquals(1, r.out().lines().count());
    for (String option : new String[] {"-m", "--super-block-only", "--skip-mappings"}) {
      assertEquals(Main.OK, Cli.run("check", option, image.toString()).exitCode(), option);
    }
    Cli quiet = Cli.run("check", "-q", image.toString());
    assertEquals(Main.OK, quiet.exitCode());
    assertEquals("", quiet.out() + quiet.err());
  }

  @Test
  void aCorruptImagePrintsEachProblemAndASummaryAndExitsOne() throws IOException {
    Path image = restored();
    byte[] b = Files.readAllBytes(image);
    b[44] ^= 1; // the superblock's checksum no longer matches
    Files.write(image, b);
    Cli r = Cli.run("check", image.toString());
    assertEquals(Main.FINDING, r.exitCode());
    String[] lines = r.out().split("\n");
    assertTrue(lines.length >= 2, r.out());
    assertTrue(lines[0].startsWith("FATAL block 0: "), r.out());
    assertTrue(lines[lines.length - 1].startsWith(image + ": "), r.out());
    assertEquals(
        image + ": 1 problem, fatal: the metadata is unsafe to use", lines[lines.length - 1]);
    Cli quiet = Cli.run("check", "-q", image.toString());
    assertEquals(Main.FINDING, quiet.exitCode());
    assertEquals("", quiet.out() + quiet.err());
  }

  @Test
  void aMissingImageIsAUsageError() {
    Cli r = Cli.run("check", dir.resolve("missing.img").toString());
    assertEquals(Main.USAGE, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
  }
}
