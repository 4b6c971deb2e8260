package io.powercut.engine.lucene;

import io.powercut.checker.OperationCodec;

/**
 * Reproducer lines of {@link LuceneOp}: {@code add ID VALUE}, {@code update ID VALUE}, {@code
 * delete ID}, {@code commit}, {@code flush}, {@code merge}, {@code reopen}.
 */
public final class LuceneOpCodec implements OperationCodec<LuceneOp> {
  public static final LuceneOpCodec INSTANCE = new LuceneOpCodec();

  private LuceneOpCodec() {}

  @Override
  public String format(LuceneOp op) {
    String word = op.kind().id();
    if (op instanceof LuceneOp.Add a) {
      return word + " " + a.id() + " " + a.value();
    }
    if (op instanceof LuceneOp.Update u) {
      return word + " " + u.id() + " " + u.value();
    }
    if (op instanceof LuceneOp.Delete d) {
      return word + " " + d.id();
    }
    return word;
  }

  @Override
  public LuceneOp parse(String line) {
    String[] w = line.strip().split("\\s+");
    LuceneOpKind kind = kindOf(w[0], line);
    int numbers = w.length - 1;
    int expected =
        switch (kind) {
          case ADD, UPDATE -> 2;
          case DELETE -> 1;
          case COMMIT, FLUSH, MERGE, REOPEN -> 0;
        };
    if (numbers != expected) {
      throw new IllegalArgumentException(
          "expected " + expected + " numbers after '" + w[0] + "', got '" + line + "'");
    }
    return switch (kind) {
      case ADD -> new LuceneOp.Add(number(w[1], line), number(w[2], line));
      case UPDATE -> new LuceneOp.Update(number(w[1], line), number(w[2], line));
      case DELETE -> new LuceneOp.Delete(number(w[1], line));
      case COMMIT -> new LuceneOp.Commit();
      case FLUSH -> new LuceneOp.Flush();
      case MERGE -> new LuceneOp.Merge();
      case REOPEN -> new LuceneOp.Reopen();
    };
  }

  private static LuceneOpKind kindOf(String word, String line) {
    for (LuceneOpKind k : LuceneOpKind.values()) {
      if (k.id().equals(word)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "expected add, update, delete, commit, flush, merge or reopen, got '" + line + "'");
  }

  private static int number(String word, String line) {
    try {
      return Integer.parseInt(word);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a number, got '" + word + "' in '" + line + "'", e);
    }
  }
}
