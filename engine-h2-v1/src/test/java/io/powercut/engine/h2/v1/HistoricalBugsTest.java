package io.powercut.engine.h2.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.Replay;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.fs.FileCampaignResult;
import io.powercut.checker.fs.FileCrashSearch;
import io.powercut.checker.fs.FileReplay;
import io.powercut.checker.fs.FileReproducer;
import io.powercut.checker.fs.FileTrace;
import io.powercut.engine.h2.H2HistoricalBug;
import io.powercut.engine.h2.H2Op;
import io.powercut.engine.h2.H2State;
import io.powercut.engine.h2.H2Subject;
import io.powercut.fs.FileOp;
import io.powercut.fs.FsCrashState;
import io.powercut.fs.PersistenceMode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two crash bugs H2 shipped in MVStore 1.4.199 and fixed in 1.4.200, rediscovered by fixed
 * campaigns under {@link PersistenceMode#IN_ORDER} (no write is reordered, as both reports say), at
 * H2's default retention time, and pinned as reproducers (docs/findings/h2-historical.md):
 *
 * <ul>
 *   <li><b>#2049</b> (fixed by pull request 2049): a partial write of the newest chunk, at the end
 *       of the file, and the store opens without the data synced before it.
 *   <li><b>#2067</b> (fixed by pull request 2068): a crash in the middle of a chunk move loses
 *       synced data though nothing was reordered or torn.
 * </ul>
 *
 * Each {@link H2HistoricalBug} campaign runs on the release that had the bug and on the one that
 * fixed it: the first finds it, the second does not.
 */
class HistoricalBugsTest {
  private static final long SEED = 1;

  /** MVStore's two 4 KiB file headers, at the start of the file. */
  private static final int H2_HEADER_BYTES = 8192;

  /**
   * Runs {@code bug}'s campaign on both releases: the one that had it must find it, shrunk to a few
   * operations, and the one that fixed it must check more than {@code fixedStates} states without a
   * finding. Returns the reproducer.
   */
  private static FileReproducer rediscover(H2HistoricalBug bug, int fixedStates) throws Exception {
    FileCampaignResult<H2Op> old = bug.run(bug.buggyRelease(), SEED, 2);
    System.out.println(
        bug.spec(bug.buggyRelease()) + ": " + old.stats().statesChecked() + " states");
    FileReproducer rep =
        old.reproducer().orElseThrow(() -> new AssertionError(bug.id() + " not found"));
    System.out.println(rep.render());
    assertTrue(rep.ops().size() <= 6, rep.render());
    FileCampaignResult<H2Op> fixed = bug.run(bug.fixedRelease(), SEED, 2);
    String line = bug.spec(bug.fixedRelease()) + ": " + fixed.stats().statesChecked() + " states";
    System.out.println(line);
    assertTrue(
        fixed.finding().isEmpty(), fixed.reproducer().map(FileReproducer::render).orElse(""));
    assertTrue(fixed.stats().statesChecked() > fixedStates, line);
    return rep;
  }

  @Test
  void partialWriteAtTheEndLosesSyncedDataIn1_4_199Only() throws Exception {
    FileReproducer rep = rediscover(H2HistoricalBug.PARTIAL_WRITE, 200);
    assertTrue(rep.render().contains("fault torn"), rep.render());
  }

  /**
   * #2049 exactly: the newest chunk torn after its first k sectors, so its end (the footer) is
   * missing. Every such tear loses synced data on 1.4.199 or is survived on 1.4.200. (A tear that
   * keeps the footer sector is another matter: see docs/findings/h2-torn-chunk.md.)
   */
  @Test
  void aChunkTornBeforeItsEndLosesSyncedDataOn1_4_199Only() throws Exception {
    assertTrue(prefixTearViolations("1.4.199") > 0, "1.4.199 survived every prefix tear");
    assertEquals(0, prefixTearViolations("1.4.200"), "1.4.200 lost data to a prefix tear");
  }

  // Violations among the tears of the last chunk write (not the file header at 0) after k sectors.
  private static int prefixTearViolations(String version) throws Exception {
    H2Subject s = H2Subject.fromSpec("h2 version=" + version);
    FileCrashSearch<H2Op, H2State> search =
        new FileCrashSearch<>(s, SearchOptions.defaults(SEED), PersistenceMode.IN_ORDER);
    List<H2Op> ops = new ArrayList<>();
    for (String op : List.of("put map0 2 11:17", "commit", "sync", "put map1 1 17:8", "commit")) {
      ops.add(s.codec().parse(op));
    }
    FileTrace<H2Op, H2State> trace = search.trace(ops);
    int chunk = -1;
    for (int i = 0; i < trace.log().size(); i++) {
      if (trace.log().get(i) instanceof FileOp.Write w && w.offset() >= H2_HEADER_BYTES) {
        chunk = i;
      }
    }
    FileOp.Write w = (FileOp.Write) trace.log().get(chunk);
    assertTrue(w.length() >= 2048, version + ": the last chunk is " + w.length() + " bytes");
    int[] pending = trace.crashPoint(chunk + 1, PersistenceMode.IN_ORDER).pending();
    int violations = 0;
    for (int k = 1; k < w.length() / 512; k++) {
      FsCrashState torn =
          FsCrashState.at(chunk + 1)
              .survive(pending[0], chunk)
              .tear(chunk, BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE))
              .build();
      violations += search.judge(trace, torn).isViolation() ? 1 : 0;
    }
    return violations;
  }

  @Test
  void crashInAChunkMoveLosesSyncedDataIn1_4_199Only() throws Exception {
    H2HistoricalBug bug = H2HistoricalBug.CHUNK_MOVE;
    FileReproducer rep = rediscover(bug, 500);
    assertEquals("compact", rep.ops().get(rep.ops().size() - 1), rep.render());
    assertTrue(movesChunks(bug.spec(bug.fixedRelease())), "1.4.200 moved no chunk");
  }

  /** The pinned reproducers replay in a fresh run: the findings are facts of 1.4.199. */
  @Test
  void thePinnedReproducersReplayOn1_4_199() throws Exception {
    for (String name : List.of("h2-1.4.199-partial-write.txt", "h2-1.4.199-chunk-move.txt")) {
      Path file = Path.of(HistoricalBugsTest.class.getResource("/findings/" + name).toURI());
      FileReproducer rep = FileReproducer.read(file);
      assertEquals(PersistenceMode.IN_ORDER, rep.mode(), name);
      assertEquals("h2 version=1.4.199", rep.subject(), name);
      Replay.Result r = FileReplay.run(H2Subject.fromSpec(rep.subject()), rep);
      assertTrue(r.violation(), name + ": " + r.report());
      assertTrue(r.report().contains("got null"), name + ": " + r.report());
    }
  }

  // Whether a compaction after a few commits writes more than a header: chunks were moved.
  private static boolean movesChunks(String spec) throws Exception {
    H2Subject s = H2Subject.fromSpec(spec);
    List<H2Op> ops =
        List.of(
            s.codec().parse("put map1 2 0:5055"),
            s.codec().parse("commit"),
            s.codec().parse("put map2 1 1:7000"),
            s.codec().parse("commit"),
            s.codec().parse("reopen"),
            s.codec().parse("compact"));
    FileTrace<H2Op, ?> t = FileTrace.run(s, FileTrace.prepare(s), ops);
    int writes = 0;
    boolean inCompact = false;
    for (int i = 0; i < t.log().size(); i++) {
      FileOp op = t.log().get(i);
      if (op instanceof FileOp.Mark m) {
        inCompact = m.label().startsWith("op 5 compact");
      } else if (inCompact && op instanceof FileOp.Write) {
        writes++;
      }
    }
    return writes > 2;
  }
}
