package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.kv.KvBug;
import io.powercut.checker.kv.KvOp;
import io.powercut.checker.kv.WalKvSubject;
import io.powercut.checker.results.FindingRecord;
import io.powercut.checker.results.ProgressListener;
import io.powercut.checker.results.ProgressSample;
import io.powercut.checker.results.ResultRecord;
import io.powercut.checker.results.ResultsReader;
import io.powercut.checker.results.ResultsWriter;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.RunStart;
import io.powercut.pdata.Bugs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {
  @TempDir Path dir;

  @Test
  void aCampaignIsRecordedInOrderAndEachRecordIsOnDiskAtOnce() throws IOException {
    Path file = dir.resolve("results.jsonl");
    try (ResultsWriter w = ResultsWriter.create(file)) {
      RunRecorder rec = new RunRecorder(w, "kv");
      rec.start("test", "wal-kv bugs=header-before-log", "0x3", "0/1", Map.of("--workloads", "30"));
      assertEquals(1, ResultsReader.read(file).size(), "the start is flushed before the run");
      CampaignResult<KvOp> r =
          new Explorer<>(
                  () -> new WalKvSubject(Bugs.of(KvBug.HEADER_BEFORE_LOG)),
                  WorkloadSource.random(
                      (seed, n) -> List.of(new KvOp.Put(1, 1), new KvOp.Sync()), 3, 2),
                  ExploreOptions.of(3, 30).withProgressEvery(Duration.ZERO),
                  rec.listener(ProgressListener.NONE))
              .run();
      rec.end(r);
      Path rep = dir.resolve("rep.txt");
      r.reproducer().get().write(rep);
      rec.finding(r.reproducer().get(), rep);

      List<ResultRecord> records = ResultsReader.read(file);
      assertEquals(
          new RunStart(
              "kv",
              "test",
              "wal-kv bugs=header-before-log",
              "0x3",
              "0/1",
              Map.of("--workloads", "30")),
          records.get(0));
      assertTrue(records.get(1) instanceof ProgressSample, records.toString());
      RunEnd end = (RunEnd) records.get(records.size() - 2);
      assertEquals(r.stats().toRecord(), end.stats());
      FindingRecord f = (FindingRecord) records.get(records.size() - 1);
      assertEquals("kv", f.run());
      assertEquals("./powercut replay " + rep, f.reproduce());
      assertEquals(r.reproducer().get().render(), f.reproducer());
    }
  }
}
