package io.powercut.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A shard "K/N": this run takes every workload whose index is K modulo N. */
final class ShardConverter implements ITypeConverter<int[]> {
  @Override
  public int[] convert(String value) {
    String v = value.strip();
    if (v.matches("\\d{1,9}/\\d{1,9}")) {
      int k = Integer.parseInt(v.substring(0, v.indexOf('/')));
      int n = Integer.parseInt(v.substring(v.indexOf('/') + 1));
      if (n >= 1 && k < n) {
        return new int[] {k, n};
      }
    }
    throw new TypeConversionException(
        "'" + value + "' is not a shard K/N with 0 <= K < N (e.g. 0/4)");
  }
}
