package io.powercut.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An oracle for the crash model, written as plainly as possible and independently of the main code:
 * a durable image plus a list of cached writes, updated op by op.
 */
final class NaiveDisk {
  record Cached(int index, long block, byte[] data) {}

  private final int blockSize;
  private final byte[][] durable;
  private final List<Cached> cached = new ArrayList<>();
  // Every payload ever issued to each block, plus its initial content.
  private final List<Set<ByteBuffer>> issued = new ArrayList<>();

  NaiveDisk(BlockDevice initial) throws IOException {
    blockSize = initial.blockSize();
    durable = new byte[Math.toIntExact(initial.blockCount())][blockSize];
    for (int b = 0; b < durable.length; b++) {
      initial.read(b, durable[b]);
      issued.add(new HashSet<>(Set.of(ByteBuffer.wrap(durable[b].clone()))));
    }
  }

  void write(int index, long block, byte[] data) {
    cached.add(new Cached(index, block, data.clone()));
    issued.get((int) block).add(ByteBuffer.wrap(data.clone()));
  }

  void fua(long block, byte[] data) {
    cached.removeIf(c -> c.block() == block);
    durable[(int) block] = data.clone();
    issued.get((int) block).add(ByteBuffer.wrap(data.clone()));
  }

  void flush() {
    for (Cached c : cached) {
      durable[(int) c.block()] = c.data();
    }
    cached.clear();
  }

  /** Applies {@code op}, which the real device logged at {@code index}. */
  void apply(Workload.Op op, int index) {
    byte[] payload = Workload.payload(op.data(), blockSize);
    switch (op.kind()) {
      case WRITE -> write(index, op.block(), payload);
      case FUA -> fua(op.block(), payload);
      case FLUSH -> flush();
      case MARK -> {}
    }
  }

  /**
   * The image a power loss in {@code state} leaves, straight from the crash model: the durable
   * image, then each cached write the state's ranges cover, in order, onto its (possibly
   * misdirected) target and only in its (possibly torn) sectors, then bit rot.
   */
  ByteBuffer imageOf(CrashState state) {
    byte[][] image = new byte[durable.length][];
    for (int b = 0; b < durable.length; b++) {
      image[b] = durable[b].clone();
    }
    Map<Integer, Long> tears = state.tears();
    Map<Integer, Long> misdirects = state.misdirects();
    int sectors = blockSize / BlockDevice.SECTOR_SIZE;
    for (Cached c : cached) {
      if (!state.covers(c.index())) {
        continue;
      }
      byte[] target = image[(int) (long) misdirects.getOrDefault(c.index(), c.block())];
      long mask = tears.getOrDefault(c.index(), -1L);
      for (int s = 0; s < sectors; s++) {
        if ((mask >>> s & 1) != 0) {
          int at = s * BlockDevice.SECTOR_SIZE;
          System.arraycopy(c.data(), at, target, at, BlockDevice.SECTOR_SIZE);
        }
      }
    }
    state
        .bitRot()
        .forEach(
            (block, bits) -> {
              for (int bit : bits) {
                image[(int) (long) block][bit / 8] ^= (byte) (1 << (bit % 8));
              }
            });
    ByteBuffer all = ByteBuffer.allocate(durable.length * blockSize);
    for (byte[] block : image) {
      all.put(block);
    }
    return all.flip();
  }

  List<Cached> cached() {
    return List.copyOf(cached);
  }

  byte[] durable(long block) {
    return durable[(int) block].clone();
  }

  /** The contents block {@code block} may hold after a power loss without faults. */
  Set<ByteBuffer> allowed(long block) {
    Set<ByteBuffer> allowed = new HashSet<>();
    allowed.add(ByteBuffer.wrap(durable(block)));
    for (Cached c : cached) {
      if (c.block() == block) {
        allowed.add(ByteBuffer.wrap(c.data()));
      }
    }
    return allowed;
  }

  /** Whether {@code content} was ever issued to {@code block} or was its initial content. */
  boolean wasIssued(long block, byte[] content) {
    return issued.get((int) block).contains(ByteBuffer.wrap(content));
  }

  /** The image in which exactly the cached writes selected by bit i of {@code mask} survive. */
  ByteBuffer imageOf(long mask) {
    byte[][] image = new byte[durable.length][];
    for (int b = 0; b < durable.length; b++) {
      image[b] = durable[b];
    }
    for (int i = 0; i < cached.size(); i++) {
      if ((mask >>> i & 1) != 0) {
        image[(int) cached.get(i).block()] = cached.get(i).data();
      }
    }
    ByteBuffer all = ByteBuffer.allocate(durable.length * blockSize);
    for (byte[] block : image) {
      all.put(block);
    }
    return all.flip();
  }
}
