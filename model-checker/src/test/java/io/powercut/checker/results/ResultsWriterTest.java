package io.powercut.checker.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {
  @TempDir Path dir;

  @Test
  void writesAHeaderFirstAndReadsBackInOrder() throws IOException {
    Path file = dir.resolve("a/b/results.jsonl");
    RunStart start = new RunStart("r", "explore", "dm-thin", "0x1", "0/1", Map.of());
    RunEnd end = new RunEnd("r", 10, new CampaignStats().toRecord());
    try (ResultsWriter w = ResultsWriter.create(file)) {
      w.write(start);
      w.write(end);
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals("{\"type\":\"header\",\"format\":" + ResultsFormat.VERSION + "}", lines.get(0));
    assertEquals(3, lines.size());
    assertEquals(List.of(start, end), ResultsReader.read(file));
  }

  @Test
  void progressIsSampledAtMostOnceASecondButEveryCallIsPassedOn() throws IOException {
    Path file = dir.resolve("p.jsonl");
    List<Long> passedOn = new ArrayList<>();
    try (ResultsWriter w = ResultsWriter.create(file)) {
      ProgressListener l = w.sampling("r", (s, e) -> passedOn.add(e.toMillis()));
      CampaignStats s = new CampaignStats();
      for (long ms : new long[] {0, 400, 999, 1000, 1999, 2500, 3499, 3500}) {
        s.statesMerged = ms * 10;
        l.progress(s.toRecord(), Duration.ofMillis(ms));
      }
    }
    List<Long> sampled =
        ResultsReader.read(file).stream().map(r -> ((ProgressSample) r).elapsedMillis()).toList();
    assertEquals(List.of(0L, 1000L, 2500L, 3500L), sampled);
    assertEquals(8, passedOn.size());
    ProgressSample last = (ProgressSample) ResultsReader.read(file).get(3);
    assertEquals(35_000, last.statesChecked());
  }

  @Test
  void aFailedProgressWriteStopsTheCampaignLoudly() throws IOException {
    AtomicBoolean full = new AtomicBoolean();
    Writer disk =
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) throws IOException {
            if (full.get()) {
              throw new IOException("disk full");
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    ResultsWriter w = new ResultsWriter(new BufferedWriter(disk, 1));
    full.set(true);
    ProgressListener l = w.sampling("r", ProgressListener.NONE);
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> l.progress(new CampaignStats().toRecord(), Duration.ZERO));
    assertEquals("disk full", e.getCause().getMessage());
  }

  @Test
  void concatenatedFilesAreReadAsOne() throws IOException {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    try (ResultsWriter w = ResultsWriter.create(a)) {
      w.write(new FuzzSummary("f1", "check", 10, 1000, 0));
    }
    try (ResultsWriter w = ResultsWriter.create(b)) {
      w.write(new FuzzSummary("f2", "dump", 20, 1000, 0));
    }
    Path both = dir.resolve("both.jsonl");
    Files.write(both, Files.readAllBytes(a));
    Files.write(both, Files.readAllBytes(b), java.nio.file.StandardOpenOption.APPEND);
    assertEquals(
        List.of("f1", "f2"),
        ResultsReader.read(both).stream().map(r -> ((FuzzSummary) r).run()).toList());
  }

  @Test
  void readerRejectsForeignNewerAndBrokenFilesNamingTheLine() throws IOException {
    assertRejected("{\"type\":\"start\",\"run\":\"r\"}\n", "p.jsonl:1: not a powercut results");
    assertRejected("{\"type\":\"header\",\"format\":2}\n", "p.jsonl:1: results format 2");
    assertRejected("{\"type\":\"header\",\"format\":1}\n\n{\"type\":\n", "p.jsonl:3:");
    assertRejected("", "empty");
    Files.writeString(
        dir.resolve("p.jsonl"),
        "{\"type\":\"header\",\"format\":1}\n{\"type\":\"new_kind\"}\n",
        StandardCharsets.UTF_8);
    assertEquals(List.of(), ResultsReader.read(dir.resolve("p.jsonl")));
  }

  private void assertRejected(String text, String expected) throws IOException {
    Path p = dir.resolve("p.jsonl");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> ResultsReader.read(p));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
