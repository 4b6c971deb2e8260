package io.powercut.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A shard "K/N": this run takes every workload whose index is K modulo N. */
final class ShardConverter implements ITypeConverter<ShardConverter.Shard> {
  /** Shard {@code index} of {@code count}. */
  record Shard(int index, int count) {
    static final Shard WHOLE = new Shard(0, 1);

    @Override
    public String toString() {
      return index + "/" + count;
    }
  }

  @Override
  public Shard convert(String value) {
    String v = value.strip();
    if (v.matches("\\d{1,9}/\\d{1,9}")) {
      int k = Integer.parseInt(v.substring(0, v.indexOf('/')));
      int n = Integer.parseInt(v.substring(v.indexOf('/') + 1));
      if (n >= 1 && k < n) {
        return new Shard(k, n);
      }
    }
    throw new TypeConversionException(
        "'" + value + "' is not a shard K/N with 0 <= K < N (e.g. 0/4)");
  }
}
