package io.powercut.device;

import io.powercut.property.Gen;
import io.powercut.property.Gens;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/** Random IO workloads for property tests: a list of ops that shrinks element by element. */
final class Workload {
  private Workload() {}

  enum Kind {
    WRITE,
    FUA,
    FLUSH,
    MARK
  }

  /**
   * One IO. {@code data} picks the payload: 0 is all zeros (the content of a fresh block), others
   * are pseudo-random, from a small range so that equal versions of a block occur.
   */
  record Op(Kind kind, long block, int data) {
    @Override
    public String toString() {
      return switch (kind) {
        case WRITE -> "W" + block + "#" + data;
        case FUA -> "U" + block + "#" + data;
        case FLUSH -> "F";
        case MARK -> "M";
      };
    }
  }

  static Gen<Op> op(long blocks) {
    Gen<Long> block = Gens.longs(0, blocks - 1);
    Gen<Integer> data = Gens.ints(0, 6);
    return Gens.<Op>weighted()
        .add(12, r -> new Op(Kind.WRITE, block.next(r), data.next(r)))
        .add(2, r -> new Op(Kind.FUA, block.next(r), data.next(r)))
        .add(3, new Op(Kind.FLUSH, 0, 0))
        .add(1, new Op(Kind.MARK, 0, 0))
        .build();
  }

  static Gen<List<Op>> ops(long blocks, int maxOps) {
    return Gens.listOf(op(blocks), 0, maxOps);
  }

  /** The payload of {@code data} for a block of {@code blockSize} bytes. */
  static byte[] payload(int data, int blockSize) {
    byte[] bytes = new byte[blockSize];
    if (data != 0) {
      new SplittableRandom(data).nextBytes(bytes);
    }
    return bytes;
  }

  static void apply(Op op, FaultyDevice device) throws IOException {
    switch (op.kind()) {
      case WRITE -> device.write(op.block(), payload(op.data(), device.blockSize()));
      case FUA -> device.writeFua(op.block(), payload(op.data(), device.blockSize()));
      case FLUSH -> device.flush();
      case MARK -> device.mark("op " + op);
    }
  }

  /** Every block of {@code device}, concatenated: an image comparable with equals via List. */
  static byte[] image(BlockDevice device) throws IOException {
    int size = device.blockSize();
    byte[] all = new byte[Math.toIntExact(device.blockCount() * size)];
    byte[] block = new byte[size];
    for (long b = 0; b < device.blockCount(); b++) {
      device.read(b, block);
      System.arraycopy(block, 0, all, (int) b * size, size);
    }
    return all;
  }

  /** A device whose blocks hold pseudo-random content, so the initial image is not all zeros. */
  static MemoryBlockDevice initialImage(int blockSize, long blocks, long seed) {
    MemoryBlockDevice device = new MemoryBlockDevice(blockSize, blocks);
    SplittableRandom random = new SplittableRandom(seed);
    for (long b = 0; b < blocks; b++) {
      if (random.nextBoolean()) {
        byte[] bytes = new byte[blockSize];
        random.nextBytes(bytes);
        device.write(b, bytes);
      }
    }
    return device;
  }
}
