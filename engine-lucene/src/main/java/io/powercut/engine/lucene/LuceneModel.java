package io.powercut.engine.lucene;

import io.powercut.checker.Model;
import io.powercut.checker.Outcome;
import io.powercut.engine.lucene.LuceneState.Doc;
import java.util.ArrayList;
import java.util.List;

/**
 * What Lucene promises, from {@code IndexWriter.commit}'s documentation: it "commits all pending
 * changes ... and syncs all referenced index files, such that a reader will see the changes and the
 * index updates will survive an OS or machine crash or power loss". Hence, after a power loss:
 *
 * <ul>
 *   <li>{@code DirectoryReader.open} succeeds and {@code CheckIndex} finds the index clean;
 *   <li>the live documents are exactly those of one commit: the last completed one, or, if a commit
 *       was in flight, that commit's or the one before ({@link #allowedDuring}); never a mix of
 *       two, never a change no commit covered;
 *   <li>{@code add}, {@code update} and {@code delete} change only the pending documents, {@code
 *       flush} and {@code merge} write segments no commit names yet and change nothing a reader
 *       sees; {@code reopen} drops the pending changes (a close without commit is a rollback).
 * </ul>
 *
 * There is always a commit: {@code prepare} commits the empty index, so a crash before the first
 * workload commit must recover it, not fail with {@code IndexNotFoundException}. The file system
 * injects no IO errors, and Lucene refuses none of these calls, so every outcome must be ok.
 */
final class LuceneModel implements Model<LuceneOp, LuceneState> {
  private final List<Doc> pending = new ArrayList<>();
  private LuceneState committed = LuceneState.EMPTY;

  @Override
  public String apply(LuceneOp op, Outcome outcome) {
    if (!outcome.isOk()) {
      return "expected " + LuceneOpCodec.INSTANCE.format(op) + " ok, got " + outcome;
    }
    if (op instanceof LuceneOp.Add a) {
      pending.add(new Doc(a.id(), a.value()));
    } else if (op instanceof LuceneOp.Update u) {
      pending.removeIf(d -> d.id() == u.id());
      pending.add(new Doc(u.id(), u.value()));
    } else if (op instanceof LuceneOp.Delete d) {
      pending.removeIf(doc -> doc.id() == d.id());
    } else if (op instanceof LuceneOp.Commit) {
      committed = LuceneState.of(pending);
    } else if (op instanceof LuceneOp.Reopen) {
      pending.clear();
      pending.addAll(committed.docs());
    }
    return null;
  }

  @Override
  public LuceneState committed() {
    return committed;
  }

  @Override
  public String diff(LuceneState expected, LuceneState recovered) {
    if (expected.equals(recovered)) {
      return null;
    }
    List<Doc> missing = new ArrayList<>(expected.docs());
    recovered.docs().forEach(missing::remove);
    List<Doc> extra = new ArrayList<>(recovered.docs());
    expected.docs().forEach(extra::remove);
    return "expected "
        + expected
        + ", got "
        + recovered
        + " (missing "
        + missing
        + ", extra "
        + extra
        + ")";
  }
}
