package io.powercut.checker;

import io.powercut.checker.results.CoverageRow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coverage table of a campaign: for each kind of operation, how often it ran with each outcome
 * (ok, refused, failed) and how many crash points fell inside it. Rows are kept by the kind's
 * {@link OperationKind#id() id}, so that tables read back from results files merge with live ones.
 * Not thread-safe.
 */
public final class Coverage {
  private final Map<String, CoverageRow> rows = new LinkedHashMap<>();

  /** Counts one run of an operation of {@code kind} (null: the subject names no kinds). */
  public void ran(OperationKind kind, Outcome.Kind outcome) {
    if (kind != null) {
      add(
          kind,
          new CoverageRow(
              outcome == Outcome.Kind.OK ? 1 : 0,
              outcome == Outcome.Kind.REFUSED ? 1 : 0,
              outcome == Outcome.Kind.FAILED ? 1 : 0,
              0));
    }
  }

  /** Counts a crash point inside an operation of {@code kind}. */
  public void crashPoint(OperationKind kind) {
    if (kind != null) {
      add(kind, new CoverageRow(0, 0, 0, 1));
    }
  }

  private void add(OperationKind kind, CoverageRow r) {
    add(kind.id(), r);
  }

  /** Adds counts to the row of the kind named {@code id} (as read back from a results file). */
  public void add(String id, CoverageRow r) {
    rows.merge(id, r, CoverageRow::plus);
  }

  /** The row of {@code kind}, all zeros if it never ran. */
  public CoverageRow row(OperationKind kind) {
    return rows.getOrDefault(kind.id(), CoverageRow.ZERO);
  }

  /** Every row by kind id, in the order first seen. */
  public Map<String, CoverageRow> rows() {
    return Collections.unmodifiableMap(rows);
  }

  public void add(Coverage o) {
    o.rows.forEach(this::add);
  }
}
