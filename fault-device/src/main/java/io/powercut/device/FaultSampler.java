package io.powercut.device;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The fault variants of one power cut, {@link EnumerationOptions#faultSamples()} per enabled class:
 * a torn or a misdirected write (the most recent unflushed writes first, shown with the writes
 * before it surviving; a misdirected write lands on another block of its own device), and bit rot
 * in a random state (in a block the log wrote, or any block, of a random device). Every choice
 * comes from the point's random source, in a fixed order; a device alone draws no device.
 */
final class FaultSampler {
  private final GroupCrashPoint point;
  private final IoLog log;
  private final EnumerationOptions options;
  private final SurvivorSets sets;
  private final SplittableRandom random;
  // Per device, the blocks the log wrote before the point, computed on first use.
  private final long[][] written;

  FaultSampler(
      GroupCrashPoint point,
      EnumerationOptions options,
      SurvivorSets sets,
      SplittableRandom random) {
    this.point = point;
    this.log = point.log();
    this.options = options;
    this.sets = sets;
    this.random = random;
    this.written = new long[point.deviceCount()][];
  }

  /** The variants, in a deterministic order; some may repeat an image. */
  List<CrashState> sample() {
    List<CrashState> out = new ArrayList<>();
    int n = sets.size();
    if (options.torn() && n > 0) {
      for (int s = 0; s < options.faultSamples(); s++) {
        int victim = n - 1 - s % n;
        BlockGeometry geometry = log.geometry(log.device(sets.write(victim)));
        // A block of one sector cannot tear.
        if (geometry.sectorsPerBlock() > 1) {
          out.add(
              baseFor(victim)
                  .tear(sets.write(victim), randomTear(geometry.fullSectorMask()))
                  .build());
        }
      }
    }
    if (options.misdirect() && n > 0) {
      for (int s = 0; s < options.faultSamples(); s++) {
        int victim = n - 1 - s % n;
        int device = log.device(sets.write(victim));
        // A device of one block has nowhere else to misdirect to.
        if (log.geometry(device).blockCount() > 1) {
          long own = log.block(sets.write(victim));
          long target = randomTarget(own, writtenOn(device), log.geometry(device).blockCount());
          out.add(baseFor(victim).misdirect(sets.write(victim), target).build());
        }
      }
    }
    if (options.bitRot()) {
      for (int s = 0; s < options.faultSamples(); s++) {
        out.add(rotten());
      }
    }
    return out;
  }

  private long[] writtenOn(int device) {
    if (written[device] == null) {
      written[device] = log.blocksWrittenBefore(device, point.position());
    }
    return written[device];
  }

  private CrashState rotten() {
    CrashState.Builder b = sets.state(options.drop() ? sets.random(0.5) : sets.all());
    int device = point.deviceCount() == 1 ? 0 : random.nextInt(point.deviceCount());
    BlockGeometry geometry = log.geometry(device);
    long[] blocks = writtenOn(device);
    long block =
        blocks.length > 0 && random.nextBoolean()
            ? blocks[random.nextInt(blocks.length)]
            : random.nextLong(geometry.blockCount());
    int bits = geometry.blockSize() * Byte.SIZE;
    TreeSet<Integer> flipped = new TreeSet<>();
    int want = 1 + random.nextInt(3);
    // Bounded: a few draws from thousands of bits; a repeat just flips fewer bits.
    for (int attempt = 0; attempt < 2 * want && flipped.size() < want; attempt++) {
      int bit = random.nextInt(bits);
      if (flipped.add(bit)) {
        b.rot(device, block, bit);
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
  private long randomTarget(long own, long[] blocks, long count) {
    long target =
        switch (random.nextInt(3)) {
          case 0 -> own + 1 < count ? own + 1 : own - 1;
          case 1 -> blocks.length > 0 ? blocks[random.nextInt(blocks.length)] : own;
          default -> own;
        };
    if (target == own) {
      target = random.nextLong(count - 1);
      target = target >= own ? target + 1 : target;
    }
    return target;
  }
}
