package io.powercut.engine.lucene;

import io.powercut.checker.OperationKind;

/** The kinds of {@link LuceneOp}, the rows of the coverage table; each id is the op's word. */
public enum LuceneOpKind implements OperationKind {
  ADD("add"),
  UPDATE("update"),
  DELETE("delete"),
  COMMIT("commit"),
  FLUSH("flush"),
  MERGE("merge"),
  REOPEN("reopen");

  private final String id;

  LuceneOpKind(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
