package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreDumpCommandTest {
  /** What thin_dump 0.9.0 prints for {@link #INPUT} restored (checked against the real tool). */
  static final String DUMP =
      """
      <superblock uuid="" time="2" transaction="3" flags="0" version="2" data_block_size="128" nr_data_blocks="1104">
        <device dev_id="0" mapped_blocks="4" transaction="0" creation_time="0" snap_time="1">
          <range_mapping origin_begin="35" data_begin="663" length="3" time="0"/>
          <single_mapping origin_block="56" data_block="98" time="0"/>
        </device>
        <device dev_id="1" mapped_blocks="4" transaction="0" creation_time="1" snap_time="1">
          <single_mapping origin_block="35" data_block="663" time="0"/>
          <single_mapping origin_block="36" data_block="148" time="1"/>
          <single_mapping origin_block="37" data_block="665" time="0"/>
          <single_mapping origin_block="56" data_block="98" time="0"/>
        </device>
        <device dev_id="9" mapped_blocks="0" transaction="5" creation_time="1" snap_time="1">
        </device>
      </superblock>
      """;

  static final String INPUT =
      """
      <superblock uuid="" time="2" transaction="3" flags="0" version="2" data_block_size="128" nr_data_blocks="1104">
        <device dev_id="9" mapped_blocks="0" transaction="5" creation_time="1" snap_time="1"/>
        <device dev_id="1" mapped_blocks="70" transaction="0" creation_time="1" snap_time="1">
          <single_mapping origin_block="56" data_block="98" time="0"/>
          <single_mapping origin_block="35" data_block="663" time="0"/>
          <single_mapping origin_block="36" data_block="148" time="1"/>
          <single_mapping origin_block="37" data_block="665" time="0"/>
        </device>
        <device dev_id="0" mapped_blocks="4" transaction="0" creation_time="0" snap_time="1">
          <range_mapping origin_begin="35" data_begin="663" length="3" time="0"/>
          <single_mapping origin_block="56" data_block="98" time="0"/>
        </device>
      </superblock>
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Path restored() throws IOException {
    Path image = dir.resolve("pool.img");
    Cli r = Cli.run("restore", "-i", write("pool.xml", INPUT).toString(), "-o", image.toString());
    assertEquals(Main.OK, r.exitCode(), r.err());
    return image;
  }

  @Test
  void restoreThenDumpPrintsWhatThinDumpPrints() throws IOException {
    Path image = restored();
    assertEquals(4 * 1024 * 1024, Files.size(image), "a small pool gets the 4 MiB default");
    Cli r = Cli.run("dump", image.toString());
    assertEquals(Main.OK, r.exitCode(), r.err());
    assertEquals(DUMP, r.out());
    assertEquals("", r.err());
  }

  /** --compat 1.1 is 1.1.0's dialect (flags only when set, no final newline); 0.9 the default. */
  @Test
  void dumpCompatChoosesTheDialectAndRejectsOthers() throws IOException {
    Path image = restored();
    Cli r = Cli.run("dump", image.toString(), "--compat", "1.1");
    assertEquals(Main.OK, r.exitCode(), r.err());
    assertTrue(r.out().endsWith("</superblock>"), r.out());
    assertTrue(r.out().startsWith("<superblock "), r.out());
    assertEquals(DUMP, Cli.run("dump", image.toString(), "--compat", "0.9").out());
    Path back = dir.resolve("back.img");
    Path xml = write("compat.xml", r.out());
    assertEquals(
        Main.OK, Cli.run("restore", "-i", xml.toString(), "-o", back.toString()).exitCode());
    assertEquals(DUMP, Cli.run("dump", back.toString()).out(), "restore reads the 1.1 dialect");
    Cli bad = Cli.run("dump", image.toString(), "--compat", "1.0");
    assertEquals(Main.USAGE, bad.exitCode());
    assertTrue(bad.err().contains("expected 0.9 or 1.1, got '1.0'"), bad.err());
  }

  @Test
  void dumpToAFileReplacesItWhole() throws IOException {
    Path image = restored();
    Path out = write("out.xml", "old content that is longer than nothing at all\n".repeat(500));
    Cli r = Cli.run("dump", image.toString(), "-o", out.toString());
    assertEquals(Main.OK, r.exitCode(), r.err());
    assertEquals(DUMP, Files.readString(out));
    assertEquals("", r.out());
  }

  @Test
  void restoreHonoursSizeAndReusesAnExistingImageAtItsSize() throws IOException {
    Path sized = dir.resolve("sized.img");
    Path xml = write("pool.xml", INPUT);
    assertEquals(
        Main.OK,
        Cli.run("restore", "-i", xml.toString(), "-o", sized.toString(), "--size", "8M")
            .exitCode());
    assertEquals(8 << 20, Files.size(sized));
    Path existing = dir.resolve("existing.img");
    try (RandomAccessFile f = new RandomAccessFile(existing.toFile(), "rw")) {
      f.setLength(3 << 20);
    }
    Cli r = Cli.run("restore", "-i", xml.toString(), "-o", existing.toString());
    assertEquals(Main.OK, r.exitCode(), r.err());
    assertEquals(3 << 20, Files.size(existing));
    assertEquals(DUMP, Cli.run("dump", existing.toString()).out());
    // Restoring over a previous pool replaces it.
    String other = INPUT.replace("dev_id=\"9\"", "dev_id=\"10\"");
    r = Cli.run("restore", "-i", write("other.xml", other).toString(), "-o", existing.toString());
    assertEquals(Main.OK, r.exitCode(), r.err());
    assertEquals(
        DUMP.replace("dev_id=\"9\"", "dev_id=\"10\""), Cli.run("dump", existing.toString()).out());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void badXmlIsOneLineExitOneAndLeavesTheImageAlone() throws IOException {
    Path image = restored();
    byte[] before = Files.readAllBytes(image);
    Path bad =
        write(
            "bad.xml",
            INPUT.replace(
                "<single_mapping origin_block=\"56\" data_block=\"98\" time=\"0\"/>\n    <single_mapping origin_block=\"35\"",
                "<single_mapping origin_block=\"56\" data_block=\"1104\" time=\"0\"/>\n    <single_mapping origin_block=\"35\""));
    Cli r = Cli.run("restore", "-i", bad.toString(), "-o", image.toString());
    assertEquals(Main.FINDING, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
    assertEquals(
        "restore: "
            + bad
            + ":4:5: <single_mapping> data_block=\"1104\" is beyond the data device: expected <"
            + " nr_data_blocks 1104\n",
        r.err());
    assertArrayEquals(before, Files.readAllBytes(image));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void badXmlForANewImageCreatesNothing() throws IOException {
    Path image = dir.resolve("new.img");
    Cli r =
        Cli.run(
            "restore", "-i", write("bad.xml", "<superblock>").toString(), "-o", image.toString());
    assertEquals(Main.FINDING, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
    assertTrue(
        r.err().contains("bad.xml:1:1: <superblock> is missing the attribute uuid"), r.err());
    assertFalse(Files.exists(image));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path xml = write("pool.xml", INPUT);
    Path existing = restored();
    String[][] cases = {
      {
        "restore",
        "-i",
        dir.resolve("missing.xml").toString(),
        "-o",
        dir.resolve("a.img").toString()
      },
      {"restore", "-i", xml.toString(), "-o", existing.toString(), "--size", "8M"},
      {"restore", "-i", xml.toString(), "-o", dir.resolve("b.img").toString(), "--size", "4097"},
      {"restore", "-i", xml.toString(), "-o", dir.resolve("c.img").toString(), "--size", "64K"},
      {"restore", "-i", xml.toString(), "-o", dir.resolve("no/such/dir.img").toString()},
      {"restore", "-i", xml.toString(), "-o", dir.toString()},
      {"dump", dir.resolve("missing.img").toString()},
      {"dump", existing.toString(), "-o", dir.toString()},
    };
    for (String[] args : cases) {
      Cli r = Cli.run(args);
      assertEquals(Main.USAGE, r.exitCode(), String.join(" ", args) + " -> " + r.err());
      assertTrue(r.oneLineError(), r.err());
    }
    assertEquals(Main.USAGE, Cli.run("restore", "-i", xml.toString()).exitCode());
    assertEquals(Main.USAGE, Cli.run("restore", "--size", "lots").exitCode());
  }

  @Test
  void aTooSmallImageSaysSo() throws IOException {
    StringBuilder xml =
        new StringBuilder(
            "<superblock uuid=\"\" time=\"0\" transaction=\"0\" data_block_size=\"128\""
                + " nr_data_blocks=\"1000000\">\n"
                + "<device dev_id=\"1\" mapped_blocks=\"0\" transaction=\"0\" creation_time=\"0\""
                + " snap_time=\"0\">\n");
    for (int i = 0; i < 100_000; i += 2) {
      xml.append("<single_mapping origin_block=\"")
          .append(i)
          .append("\" data_block=\"")
          .append(i)
          .append("\" time=\"0\"/>\n");
    }
    xml.append("</device></superblock>\n");
    Cli r =
        Cli.run(
            "restore",
            "-i",
            write("big.xml", xml.toString()).toString(),
            "-o",
            dir.resolve("small.img").toString(),
            "--size",
            "1M");
    assertEquals(Main.USAGE, r.exitCode(), r.err());
    assertTrue(r.oneLineError(), r.err());
    assertTrue(r.err().contains("the image is too small"), r.err());
    assertFalse(Files.exists(dir.resolve("small.img")));
  }

  @Test
  void corruptImagesAreOneLineExitOneAndLeaveNoOutput() throws IOException {
    Path image = restored();
    byte[] b = Files.readAllBytes(image);
    b[44] ^= 1; // the superblock's time: its checksum no longer matches
    Path corrupt = dir.resolve("corrupt.img");
    Files.write(corrupt, b);
    Path out = write("out.xml", "precious\n");
    Cli r = Cli.run("dump", corrupt.toString(), "-o", out.toString());
    assertEquals(Main.FINDING, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
    assertTrue(
        r.err().startsWith("dump: corrupt metadata: block 0: superblock checksum: expected 0x"),
        r.err());
    assertTrue(r.err().endsWith("(at superblock)\n"), r.err());
    assertEquals("precious\n", Files.readString(out));

    Path truncated = dir.resolve("truncated.img");
    Files.write(truncated, java.util.Arrays.copyOf(b, 4096 * 3 + 100));
    r = Cli.run("dump", truncated.toString());
    assertEquals(Main.FINDING, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
    assertTrue(
        r.err()
            .endsWith(
                "size 12388 is not a positive multiple of the block size 4096: truncated, or not a"
                    + " metadata image\n"),
        r.err());

    Path zeros = dir.resolve("zeros.img");
    Files.write(zeros, new byte[4096 * 4]);
    r = Cli.run("dump", zeros.toString());
    assertEquals(Main.FINDING, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
    assertEquals("", r.out());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void dumpingAMissingMetadataSnapshotIsAFinding() throws IOException {
    Cli r = Cli.run("dump", "-m", restored().toString());
    assertEquals(Main.FINDING, r.exitCode());
    assertEquals("dump: no metadata snapshot is held (superblock metadata_snap is 0)\n", r.err());
  }

  @Test
  void debugShowsTheStackTrace() throws IOException {
    Path missing = dir.resolve("missing.img");
    Cli plain = Cli.run("dump", missing.toString());
    Cli r = Cli.run("dump", "--debug", missing.toString());
    assertEquals(Main.USAGE, r.exitCode());
    assertTrue(r.err().startsWith(plain.err()), "our one line comes first: " + r.err());
    // Then the error with where it happened: its own line and at least one frame.
    String trace = r.err().substring(plain.err().length());
    assertTrue(trace.contains(missing.toString()), r.err());
    assertTrue(trace.lines().count() > 1, r.err());
  }

  /** Temporary files a command left in the test directory. */
  private List<String> leftovers() throws IOException {
    try (var files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".restoring") || n.endsWith(".dumping"))
          .toList();
    }
  }
}
