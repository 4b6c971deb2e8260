package io.powercut.device;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The fault variants of one crash point, {@link EnumerationOptions#faultSamples()} per enabled
 * class: a torn or a misdirected write (the most recent unflushed writes first, shown with the
 * writes before it surviving), and bit rot in a random state (in a block the log wrote, or any
 * block). Every choice comes from the point's random source, in a fixed order.
 */
final class FaultSampler {
  private final CrashPoint point;
  private final IoLog log;
  private final EnumerationOptions options;
  private final SurvivorSets sets;
  private final SplittableRandom random;

  FaultSampler(
      CrashPoint point, EnumerationOptions options, SurvivorSets sets, SplittableRandom random) {
    this.point = point;
    this.log = point.log();
    this.options = options;
    this.sets = sets;
    this.random = random;
  }

  /** The variants, in a deterministic order; some may repeat an image. */
  List<CrashState> sample() {
    List<CrashState> out = new ArrayList<>();
    int n = sets.size();
    BlockGeometry geometry = log.geometry();
    if (options.torn() && n > 0 && geometry.sectorsPerBlock() > 1) {
      for (int s = 0; s < options.faultSamples(); s++) {
        int victim = n - 1 - s % n;
        out.add(
            baseFor(victim)
                .tear(sets.write(victim), randomTear(geometry.fullSectorMask()))
                .build());
      }
    }
    if (options.misdirect() && n > 0 && geometry.blockCount() > 1) {
      long[] written = log.blocksWrittenBefore(point.position());
      for (int s = 0; s < options.faultSamples(); s++) {
        int victim = n - 1 - s % n;
        long own = log.block(sets.write(victim));
        out.add(baseFor(victim).misdirect(sets.write(victim), randomTarget(own, written)).build());
      }
    }
    if (options.bitRot()) {
      long[] written = log.blocksWrittenBefore(point.position());
      for (int s = 0; s < options.faultSamples(); s++) {
        out.add(rotten(written, geometry));
      }
    }
    return out;
  }

  private CrashState rotten(long[] written, BlockGeometry geometry) {
    CrashState.Builder b = sets.state(options.drop() ? sets.random(0.5) : sets.all());
    long block =
        written.length > 0 && random.nextBoolean()
            ? written[random.nextInt(written.length)]
            : random.nextLong(geometry.blockCount());
    int bits = geometry.blockSize() * Byte.SIZE;
    TreeSet<Integer> flipped = new TreeSet<>();
    int want = 1 + random.nextInt(3);
    // Bounded: a few draws from thousands of bits; a repeat just flips fewer bits.
    for (int attempt = 0; attempt < 2 * want && flipped.size() < want; attempt++) {
      int bit = random.nextInt(bits);
      if (flipped.add(bit)) {
        b.rot(block, bit);
      }
    }
    return b.build();
  }

  // The survivors a faulty write is shown with: the writes up to it, or all when none may drop.
  private CrashState.Builder baseFor(int victim) {
    return sets.state(options.drop() ? sets.prefix(victim + 1) : sets.all());
  }

  // Masks in the shapes disks tear in: the first sectors landed, the last ones, or any scatter.
  private long randomTear(long full) {
    int sectors = Long.bitCount(full);
    int cut = 1 + random.nextInt(sectors - 1);
    long firstSectors = (1L << cut) - 1;
    return switch (random.nextInt(3)) {
      case 0 -> firstSectors;
      case 1 -> full & ~firstSectors;
      default -> {
        long mask = random.nextLong() & full;
        yield mask == 0 ? 1 : mask == full ? full & ~1L : mask;
      }
    };
  }

  // Targets a misdirected write really hits: a neighbour, a block with live data, or any block.
  private long randomTarget(long own, long[] written) {
    long count = log.blockCount();
    long target =
        switch (random.nextInt(3)) {
          case 0 -> own + 1 < count ? own + 1 : own - 1;
          case 1 -> written.length > 0 ? written[random.nextInt(written.length)] : own;
          default -> own;
        };
    if (target == own) {
      target = random.nextLong(count - 1);
      target = target >= own ? target + 1 : target;
    }
    return target;
  }
}
