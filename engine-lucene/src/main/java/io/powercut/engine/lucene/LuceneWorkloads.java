package io.powercut.engine.lucene;

import io.powercut.checker.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded workloads over a few ids: mostly document changes (add 30%, update 20%, delete 12%), then
 * commit 17%, flush 9%, merge 6% and reopen 6%, so that commits meet several segments, deletions
 * and merged-away files.
 */
public final class LuceneWorkloads implements WorkloadGenerator<LuceneOp> {
  private static final int VALUES = 100;

  private final int ids;

  public LuceneWorkloads(int ids) {
    if (ids < 1) {
      throw new IllegalArgumentException("ids: expected at least 1, got " + ids);
    }
    this.ids = ids;
  }

  @Override
  public List<LuceneOp> generate(long seed, int length) {
    SplittableRandom r = new SplittableRandom(seed);
    List<LuceneOp> ops = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      ops.add(draw(r.nextInt(100), r.nextInt(ids), r.nextInt(VALUES)));
    }
    return ops;
  }

  // The operation of a roll in [0, 100).
  private static LuceneOp draw(int roll, int id, int value) {
    if (roll < 30) {
      return new LuceneOp.Add(id, value);
    } else if (roll < 50) {
      return new LuceneOp.Update(id, value);
    } else if (roll < 62) {
      return new LuceneOp.Delete(id);
    } else if (roll < 79) {
      return new LuceneOp.Commit();
    } else if (roll < 88) {
      return new LuceneOp.Flush();
    } else if (roll < 94) {
      return new LuceneOp.Merge();
    }
    return new LuceneOp.Reopen();
  }

  /**
   * The operations of an exhaustive sweep: an add to each of two ids, an update and a delete of the
   * first (so duplicates, replacements and deletions arise), and every writer call.
   */
  public static List<LuceneOp> vocabulary() {
    return List.of(
        new LuceneOp.Add(0, 1),
        new LuceneOp.Add(1, 2),
        new LuceneOp.Update(0, 3),
        new LuceneOp.Delete(0),
        new LuceneOp.Commit(),
        new LuceneOp.Flush(),
        new LuceneOp.Merge(),
        new LuceneOp.Reopen());
  }
}
