package io.powercut.checker.thin;

import io.powercut.checker.OperationCodec;

/**
 * dm-thin operations as text: a {@link ThinOpKind#id word} and its non-negative arguments, e.g.
 * {@code write 0 17}. Words are never renamed, so every reproducer ever written stays readable.
 */
public final class ThinOpCodec implements OperationCodec<ThinOp> {
  @Override
  public String format(ThinOp op) {
    ThinOpKind kind = ThinOpKind.of(op);
    if (kind == null) {
      throw new IllegalArgumentException("unknown operation " + op);
    }
    StringBuilder s = new StringBuilder(kind.id());
    for (long a : kind.args(op)) {
      s.append(' ').append(a);
    }
    return s.toString();
  }

  @Override
  public ThinOp parse(String line) {
    String[] w = line.strip().split("\\s+");
    ThinOpKind kind = ThinOpKind.byWord(w[0]);
    if (kind == null) {
      throw new IllegalArgumentException("unknown dm-thin operation '" + w[0] + "'");
    }
    int n = kind.arity();
    if (w.length - 1 != n) {
      throw new IllegalArgumentException(
          n == 0
              ? "'" + w[0] + "' takes no arguments"
              : "'" + w[0] + "' takes " + n + " arguments, got " + (w.length - 1));
    }
    long[] args = new long[n];
    for (int i = 0; i < n; i++) {
      args[i] = number(w, i + 1);
    }
    return kind.make(args);
  }

  private static long number(String[] w, int i) {
    try {
      long v = Long.parseLong(w[i]);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + w[0] + "': argument " + i + " must be a non-negative number, got '" + w[i] + "'");
    }
  }
}
