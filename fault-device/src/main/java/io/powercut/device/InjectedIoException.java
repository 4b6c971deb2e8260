package io.powercut.device;

import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;

/** An IO error that {@link IoFaults} injected on purpose, naming the operation and its number. */
public final class InjectedIoException extends IOException {
  private static final long serialVersionUID = 1L;

  private final IoOp op;
  private final long number;
  private final long block;

  InjectedIoException(IoOp op, String call, long number, long block) {
    super(
        "injected "
            + op.name().toLowerCase(Locale.ROOT)
            + " error: "
            + call
            + " #"
            + number
            + (block >= 0 ? " of block " + block : ""));
    this.op = op;
    this.number = number;
    this.block = block;
  }

  public IoOp op() {
    return op;
  }

  /** The number of the failed operation among operations of its kind, from 0. */
  public long number() {
    return number;
  }

  /** The block of a failed read or write; empty for a flush. */
  public OptionalLong block() {
    return block >= 0 ? OptionalLong.of(block) : OptionalLong.empty();
  }
}
