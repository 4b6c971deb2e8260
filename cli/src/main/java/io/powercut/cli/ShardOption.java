package io.powercut.cli;

import picocli.CommandLine.Option;

/** {@code --shard K/N}: this run takes only item i of the campaign when i mod N == K (a mixin). */
final class ShardOption {
  @Option(
      names = "--shard",
      converter = ShardConverter.class,
      description =
          "run only shard K of N: workload (explore) or case (fuzz) i when i mod N == K (e.g."
              + " 0/4)")
  ShardConverter.Shard shard = ShardConverter.Shard.WHOLE;

  int index() {
    return shard.index();
  }

  int count() {
    return shard.count();
  }

  /** "K/N", as the results and headers print it. */
  @Override
  public String toString() {
    return shard.toString();
  }
}
