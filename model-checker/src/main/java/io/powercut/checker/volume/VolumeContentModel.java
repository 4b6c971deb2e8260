package io.powercut.checker.volume;

import io.powercut.checker.volume.SectorContent.Stamp;
import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The oracle's model of what block devices (volumes, each an id) may read after a power cut, per
 * 512-byte sector, whatever engine implements them. It is told every operation that completed and
 * judges what a recovered volume reads back ({@link #judge}). Written content must be {@link
 * SectorStamp}s, so that a wrong read names its origin.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>A write gives each sector a new pending version; a FUA write makes its versions durable at
 *       once, superseding earlier pending ones (a completed newer write of a sector never loses to
 *       an older one); a flush of a volume makes its latest versions durable.
 *   <li>A recovered sector reads its durable version or one written since; one never written reads
 *       zeros.
 *   <li>A discard covers only whole aligned units of {@code discardUnitBlocks} in its range (a thin
 *       volume unmaps whole data blocks and ignores partial ones) and writes zeros as a pending
 *       version: the kernel's thin discard unmaps, so a live read returns zeros, and a later flush
 *       (a commit) makes zeros durable; until then a crash may bring the old mapping back, so the
 *       old content is still allowed.
 *   <li>A snapshot holds, forever, every write its origin completed before its creation, flushed or
 *       not, and its creation flushes the origin. dm-thin creates a snapshot only of a suspended
 *       origin (suspend waits for in-flight IO and flushes), and the {@code create_snap} message
 *       commits the pool, flushing the data device first: so after creation every completed write
 *       of the origin is durable in both.
 *   <li>Never data another volume wrote (outside snapshot lineage), nor this volume's data of
 *       another sector (an earlier owner of a reused block): see {@link SectorVerdict.Kind}.
 * </ul>
 *
 * <p>Blocks that a crash leaves allocated but unmapped are not this model's business. Not
 * thread-safe.
 */
public final class VolumeContentModel {
  private final int discardUnitBlocks;
  private final Map<Long, VolumeHistory> live = new TreeMap<>();
  private final Map<Stamp, VolumeHistory> writers = new HashMap<>();
  private long nextSeq;

  /** A model whose discards unmap whole aligned units of {@code discardUnitBlocks} 4 KiB blocks. */
  public VolumeContentModel(int discardUnitBlocks) {
    if (discardUnitBlocks < 1) {
      throw new IllegalArgumentException(
          "discard unit: expected >= 1 blocks, got " + discardUnitBlocks);
    }
    this.discardUnitBlocks = discardUnitBlocks;
  }

  /** A new volume, every sector zeros. */
  public void createVolume(long volume) {
    requireAbsent(volume);
    live.put(volume, VolumeHistory.fresh(volume));
  }

  /** A snapshot of {@code origin}, as the class comment says. */
  public void createSnapshot(long snapshot, long origin) {
    requireAbsent(snapshot);
    VolumeHistory o = volume(origin);
    o.flush();
    live.put(snapshot, o.snapshot(snapshot));
  }

  public void deleteVolume(long volume) {
    volume(volume);
    live.remove(volume);
  }

  /** The live volumes, ascending. */
  public SortedSet<Long> volumes() {
    return new TreeSet<>(live.keySet());
  }

  /**
   * The stamped bytes of a new write of {@code blocks} blocks from {@code first} of {@code volume}.
   */
  public byte[] nextWrite(long volume, long first, int blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("write: expected >= 1 blocks, got " + blocks);
    }
    long seq = nextSeq++;
    byte[] out = new byte[blocks * BlockDevice.DEFAULT_BLOCK_SIZE];
    for (int i = 0; i < blocks; i++) {
      byte[] b = SectorStamp.block(volume, first + i, seq);
      System.arraycopy(b, 0, out, i * b.length, b.length);
    }
    return out;
  }

  /**
   * A completed write of {@code bytes} (whole blocks of stamps of this volume) from {@code first}.
   */
  public void write(long volume, long first, byte[] bytes) {
    apply(volume, first, bytes, false);
  }

  /** A completed FUA write: its sectors are durable. */
  public void writeFua(long volume, long first, byte[] bytes) {
    apply(volume, first, bytes, true);
  }

  /** A completed flush of {@code volume}: its latest versions are durable. */
  public void flush(long volume) {
    volume(volume).flush();
  }

  /** A flush of what lies below every volume (a pool commit): every volume's latest is durable. */
  public void flushAll() {
    live.values().forEach(VolumeHistory::flush);
  }

  /** A completed discard of {@code count} blocks from {@code first}, as the class comment says. */
  public void discard(long volume, long first, long count) {
    if (first < 0 || count < 0) {
      throw new IllegalArgumentException("discard: expected a range, got " + first + "+" + count);
    }
    VolumeHistory v = volume(volume);
    long begin = (first + discardUnitBlocks - 1) / discardUnitBlocks * discardUnitBlocks;
    long end = (first + count) / discardUnitBlocks * discardUnitBlocks;
    for (long s = begin * SectorStamp.SECTORS_PER_BLOCK;
        s < end * SectorStamp.SECTORS_PER_BLOCK;
        s++) {
      v.sector(s).write(SectorContent.ZEROS);
    }
  }

  /** Judges {@code block} of {@code volume} as read back: one verdict per wrong sector. */
  public List<SectorVerdict> judgeBlock(long volume, long block, byte[] read) {
    if (read.length != BlockDevice.DEFAULT_BLOCK_SIZE || block < 0) {
      throw new IllegalArgumentException(
          "judge: expected a block >= 0 of "
              + BlockDevice.DEFAULT_BLOCK_SIZE
              + " bytes, got block "
              + block
              + " of "
              + read.length);
    }
    VolumeHistory v = volume(volume);
    List<SectorVerdict> verdicts = new ArrayList<>();
    for (int i = 0; i < SectorStamp.SECTORS_PER_BLOCK; i++) {
      long sector = block * SectorStamp.SECTORS_PER_BLOCK + i;
      SectorJudge.judge(v, sector, SectorStamp.decode(read, i), writers).ifPresent(verdicts::add);
    }
    return verdicts;
  }

  /** Reads every block of {@code device}, recovered as {@code volume}, and judges it. */
  public List<SectorVerdict> judge(long volume, BlockDevice device) throws IOException {
    if (device.blockSize() != BlockDevice.DEFAULT_BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "judge: expected a device of 4 KiB blocks, got " + device.blockSize());
    }
    List<SectorVerdict> verdicts = new ArrayList<>();
    byte[] b = new byte[device.blockSize()];
    for (long block = 0; block < device.blockCount(); block++) {
      device.read(block, b);
      verdicts.addAll(judgeBlock(volume, block, b));
    }
    return verdicts;
  }

  private void apply(long volume, long first, byte[] bytes, boolean fua) {
    VolumeHistory v = volume(volume);
    int blockSize = BlockDevice.DEFAULT_BLOCK_SIZE;
    if (first < 0 || bytes.length == 0 || bytes.length % blockSize != 0) {
      throw new IllegalArgumentException(
          "write: expected whole blocks from a block >= 0, got "
              + bytes.length
              + " bytes at "
              + first);
    }
    int sectors = bytes.length / SectorStamp.SECTOR;
    for (int i = 0; i < sectors; i++) {
      long sector = first * SectorStamp.SECTORS_PER_BLOCK + i;
      SectorContent c = SectorStamp.decode(bytes, i);
      if (!(c instanceof Stamp s) || s.volume() != volume || s.sector() != sector) {
        throw new IllegalArgumentException(
            "write: expected stamps of volume " + volume + " sector " + sector + ", got " + c);
      }
      if (writers.putIfAbsent(s, v) != null) {
        throw new IllegalArgumentException("write: stamp " + s + " was written before");
      }
      if (fua) {
        v.sector(sector).writeDurable(c);
      } else {
        v.sector(sector).write(c);
      }
    }
  }

  private VolumeHistory volume(long volume) {
    VolumeHistory v = live.get(volume);
    if (v == null) {
      throw new IllegalArgumentException(
          "volume: expected one of " + live.keySet() + ", got " + volume);
    }
    return v;
  }

  private void requireAbsent(long volume) {
    if (volume < 0 || live.containsKey(volume)) {
      throw new IllegalArgumentException(
          "volume: expected a new id >= 0, not one of " + live.keySet() + ", got " + volume);
    }
  }
}
