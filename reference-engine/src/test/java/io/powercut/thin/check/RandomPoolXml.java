package io.powercut.thin.check;

import io.powercut.thin.xml.PoolXmlWriter;
import io.powercut.thin.xml.XmlDevice;
import io.powercut.thin.xml.XmlSuperblock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded random pool in thin_restore's XML: empty devices, runs and single mappings, snapshots
 * that repeat their origin's mappings (so data blocks reach counts of 3 and more), dense or sparse
 * virtual and data block numbers, version 1 or 2.
 */
final class RandomPoolXml {
  record Run(long origin, long data, long length, long time) {}

  record Device(long id, long creationTime, long snapTime, List<Run> runs) {
    long mapped() {
      return runs.stream().mapToLong(Run::length).sum();
    }
  }

  final long version;
  final long time;
  final long transaction;
  final long nrDataBlocks;
  final List<Device> devices = new ArrayList<>();

  private RandomPoolXml(long version, long time, long transaction, long nrDataBlocks) {
    this.version = version;
    this.time = time;
    this.transaction = transaction;
    this.nrDataBlocks = nrDataBlocks;
  }

  static RandomPoolXml generate(SplittableRandom rng) {
    long nrData =
        switch (rng.nextInt(3)) {
          case 0 -> rng.nextLong(1_000, 20_000);
          case 1 -> rng.nextLong(20_000, 300_000);
          default -> rng.nextLong(1L << 24, 1L << 26);
        };
    int nDevices = rng.nextInt(0, 7);
    boolean sparse = rng.nextBoolean();
    List<Device> devs = new ArrayList<>();
    long time = 0;
    long nextId = rng.nextBoolean() ? 0 : rng.nextLong(1L << 24);
    for (int i = 0; i < nDevices; i++) {
      long id = nextId;
      nextId += rng.nextLong(1, 1000);
      if (!devs.isEmpty() && rng.nextInt(3) == 0) {
        Device origin = devs.get(rng.nextInt(devs.size()));
        time++;
        devs.set(
            devs.indexOf(origin), new Device(origin.id, origin.creationTime, time, origin.runs));
        List<Run> runs = new ArrayList<>(origin.runs);
        long from = runs.isEmpty() ? 0 : last(runs).origin + last(runs).length;
        runs.addAll(runs(rng, from, rng.nextInt(0, 5), nrData, time, sparse));
        devs.add(new Device(id, time, time, runs));
      } else {
        int nRuns = rng.nextInt(4) == 0 ? 0 : rng.nextInt(1, 60);
        devs.add(new Device(id, time, time, runs(rng, 0, nRuns, nrData, time, sparse)));
      }
    }
    long sbTime = time + rng.nextInt(3);
    RandomPoolXml pool = new RandomPoolXml(rng.nextInt(1, 3), sbTime, rng.nextLong(1000), nrData);
    pool.devices.addAll(devs);
    return pool;
  }

  private static Run last(List<Run> runs) {
    return runs.get(runs.size() - 1);
  }

  private static List<Run> runs(
      SplittableRandom rng, long from, int n, long nrData, long maxTime, boolean sparse) {
    List<Run> runs = new ArrayList<>();
    long origin = from + rng.nextLong(0, 100);
    for (int i = 0; i < n; i++) {
      long length = rng.nextInt(4) == 0 ? 1 : rng.nextLong(2, rng.nextBoolean() ? 20 : 600);
      long data = rng.nextLong(0, nrData - length);
      runs.add(new Run(origin, data, length, rng.nextLong(0, maxTime + 1)));
      origin += length + (sparse ? rng.nextLong(0, 1L << 34) : rng.nextLong(0, 50));
    }
    return runs;
  }

  long mappings() {
    return devices.stream().mapToLong(Device::mapped).sum();
  }

  long distinctDataBlocks() {
    Set<Long> used = new HashSet<>();
    for (Device d : devices) {
      for (Run r : d.runs) {
        for (long i = 0; i < r.length; i++) {
          used.add(r.data + i);
        }
      }
    }
    return used.size();
  }

  /** Metadata blocks enough for this pool, with room to spare. */
  long metadataBlocks() {
    return 8192 + 2 * (nrDataBlocks / 16320) + mappings() / 50;
  }

  void write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      PoolXmlWriter w = new PoolXmlWriter(out);
      w.beginSuperblock(new XmlSuperblock("", time, transaction, 0, version, 128, nrDataBlocks, 0));
      for (Device d : devices) {
        w.beginDevice(new XmlDevice(d.id, d.mapped(), 0, d.creationTime, d.snapTime));
        for (Run r : d.runs) {
          w.mapping(r.origin, r.data, r.length, r.time);
        }
        w.endDevice();
      }
      w.endSuperblock();
      w.flush();
    }
  }

  @Override
  public String toString() {
    return "version "
        + version
        + ", "
        + devices.size()
        + " devices, "
        + mappings()
        + " mappings, "
        + nrDataBlocks
        + " data blocks";
  }
}
