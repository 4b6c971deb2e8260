package io.powercut.checker;

/** Operations as one-line text, for reproducer files and reports. */
public interface OperationCodec<O> {
  String format(O op);

  /** Parses one line; throws IllegalArgumentException naming what is wrong. */
  O parse(String line);
}
