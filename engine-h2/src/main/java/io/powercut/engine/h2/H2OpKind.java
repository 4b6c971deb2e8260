package io.powercut.engine.h2;

import io.powercut.checker.OperationKind;

/** The kinds of {@link H2Op}, the rows of the coverage table. */
public enum H2OpKind implements OperationKind {
  PUT("put"),
  REMOVE("remove"),
  COMMIT("commit"),
  SYNC("sync"),
  COMPACT("compact"),
  REOPEN("reopen");

  private final String id;

  H2OpKind(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
