package io.powercut.checker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coverage table of a campaign: for each kind of operation, how often it ran with each outcome
 * (ok, refused, failed) and how many crash points fell inside it. Rows are kept by the kind's
 * {@link OperationKind#id() id}, so that tables read back from results files merge with live ones.
 * Not thread-safe.
 */
public final class Coverage {
  /** One row: outcome counts and crash points. */
  public record Row(long ok, long refused, long failed, long crashPoints) {
    public long ran() {
      return ok + refused + failed;
    }

    Row plus(Row o) {
      return new Row(
          ok + o.ok, refused + o.refused, failed + o.failed, crashPoints + o.crashPoints);
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();

  /** Counts one run of an operation of {@code kind} (null: the subject names no kinds). */
  public void ran(OperationKind kind, Outcome.Kind outcome) {
    if (kind != null) {
      add(
          kind,
          new Row(
              outcome == Outcome.Kind.OK ? 1 : 0,
              outcome == Outcome.Kind.REFUSED ? 1 : 0,
              outcome == Outcome.Kind.FAILED ? 1 : 0,
              0));
    }
  }

  /** Counts a crash point inside an operation of {@code kind}. */
  public void crashPoint(OperationKind kind) {
    if (kind != null) {
      add(kind, new Row(0, 0, 0, 1));
    }
  }

  private void add(OperationKind kind, Row r) {
    add(kind.id(), r);
  }

  /** Adds counts to the row of the kind named {@code id} (as read back from a results file). */
  public void add(String id, Row r) {
    rows.merge(id, r, Row::plus);
  }

  /** The row of {@code kind}, all zeros if it never ran. */
  public Row row(OperationKind kind) {
    return rows.getOrDefault(kind.id(), new Row(0, 0, 0, 0));
  }

  /** Every row by kind id, in the order first seen. */
  public Map<String, Row> rows() {
    return java.util.Collections.unmodifiableMap(rows);
  }

  public void add(Coverage o) {
    o.rows.forEach(this::add);
  }
}
