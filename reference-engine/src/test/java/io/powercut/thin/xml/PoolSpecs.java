package io.powercut.thin.xml;

import io.powercut.property.Gen;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded generators of pools: several devices, snapshots sharing most of an origin's data blocks,
 * runs, empty devices, virtual blocks up to 2^64-1, data blocks near the end of a large data
 * device, both superblock versions, uuids needing escapes or truncation, and (optionally) input out
 * of order with repeated blocks.
 */
public final class PoolSpecs {
  private PoolSpecs() {}

  /** Pools in the order thin_dump prints them (sorted, no repeats). */
  public static Gen<PoolSpec> sorted(int maxMappingsPerDevice) {
    return r -> generate(r, maxMappingsPerDevice, false);
  }

  /** Pools whose input may be out of order and map a block more than once (later wins). */
  public static Gen<PoolSpec> anyOrder(int maxMappingsPerDevice) {
    return r -> generate(r, maxMappingsPerDevice, true);
  }

  private static PoolSpec generate(SplittableRandom r, int maxPerDevice, boolean disorder) {
    long nrData =
        switch (r.nextInt(4)) {
          case 0 -> 1 + r.nextInt(64);
          case 1 -> 1000 + r.nextInt(5000);
          case 2 -> 16320L * (1 + r.nextInt(3)) + r.nextInt(3) - 1;
          default -> 1L + r.nextLong(20_000_000L);
        };
    int nrDevices = r.nextInt(7);
    Set<Long> ids = new HashSet<>();
    List<PoolSpec.Device> devices = new ArrayList<>();
    long time = r.nextInt(4) == 0 ? r.nextLong(1L << 32) : r.nextInt(20);
    while (devices.size() < nrDevices) {
      long id =
          switch (r.nextInt(4)) {
            case 0 -> r.nextInt(8);
            case 1 -> 0xFFFF_FFFFL - r.nextInt(3);
            default -> r.nextLong(1L << 32);
          };
      if (!ids.add(id)) {
        continue;
      }
      List<long[]> mappings;
      if (!devices.isEmpty() && r.nextInt(3) == 0) {
        mappings = snapshotOf(devices.get(r.nextInt(devices.size())), nrData, r);
      } else if (r.nextInt(6) == 0) {
        mappings = new ArrayList<>();
      } else {
        mappings = origin(r, nrData, 1 + r.nextInt(maxPerDevice));
      }
      if (disorder && mappings.size() > 1) {
        disorder(mappings, nrData, r);
      }
      devices.add(
          new PoolSpec.Device(
              id,
              r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(10),
              r.nextLong(1L << 32),
              r.nextLong(1L << 32),
              mappings));
    }
    return new PoolSpec(
        uuid(r),
        time,
        r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(100),
        r.nextInt(4) == 0 ? 1 : 0,
        1 + r.nextInt(2),
        r.nextInt(3) == 0 ? 1 + r.nextLong(0xFFFF_FFFFL) : 128L << r.nextInt(5),
        nrData,
        devices);
  }

  /** Sorted runs of fresh mappings: {origin, data, length, time}. */
  private static List<long[]> origin(SplittableRandom r, long nrData, int count) {
    List<long[]> out = new ArrayList<>();
    long vblock =
        switch (r.nextInt(4)) {
          case 0 -> -1L - 7L * count - r.nextInt(1000); // near 2^64-1, unsigned
          case 1 -> r.nextLong(1L << 62);
          default -> r.nextInt(1000);
        };
    int left = count;
    while (left > 0) {
      int run = Math.min(left, r.nextInt(4) == 0 ? 1 + r.nextInt(40) : 1);
      long data = r.nextLong(nrData);
      run = (int) Math.min(run, nrData - data);
      long t = r.nextInt(5) == 0 ? (1L << 24) - 1 - r.nextInt(2) : r.nextInt(3);
      out.add(new long[] {vblock, data, run, t});
      vblock += run + (r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(5));
      left -= run;
    }
    return out;
  }

  /** The origin's mappings, about a tenth of them remapped to other data blocks at a later time. */
  private static List<long[]> snapshotOf(PoolSpec.Device origin, long nrData, SplittableRandom r) {
    List<long[]> out = new ArrayList<>();
    origin
        .finalMappings()
        .forEach(
            (vblock, dt) -> {
              if (r.nextInt(10) == 0) {
                out.add(new long[] {vblock, r.nextLong(nrData), 1, dt[1] + 1 & 0xFF_FFFFL});
              } else {
                out.add(new long[] {vblock, dt[0], 1, dt[1]});
              }
            });
    return out;
  }

  /** Swaps some entries and repeats some virtual blocks with other data. */
  private static void disorder(List<long[]> mappings, long nrData, SplittableRandom r) {
    int n = mappings.size();
    for (int i = 0; i < n / 4 + 1; i++) {
      int a = r.nextInt(n);
      int b = r.nextInt(n);
      long[] t = mappings.get(a);
      mappings.set(a, mappings.get(b));
      mappings.set(b, t);
    }
    for (int i = 0; i < n / 8 + 1; i++) {
      long[] m = mappings.get(r.nextInt(mappings.size()));
      long data = r.nextInt(2) == 0 ? m[1] : r.nextLong(nrData);
      mappings.add(r.nextInt(mappings.size() + 1), new long[] {m[0], data, 1, r.nextInt(4)});
    }
  }

  private static String uuid(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> "";
      case 1 -> "a&b<c>\"d'e";
      case 2 -> "0123456789abcdef-too-long-for-16";
      default -> Long.toHexString(r.nextLong());
    };
  }
}
