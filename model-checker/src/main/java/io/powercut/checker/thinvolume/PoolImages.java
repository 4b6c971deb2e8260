package io.powercut.checker.thinvolume;

import io.powercut.device.BlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.device.OverlayDevice;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.DataRefMemo;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.check.Problem;
import io.powercut.thin.check.Rule;
import io.powercut.thin.check.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the data-path subjects do alike with a pool's two images: make fresh ones, judge the
 * metadata a crash left, and copy an image so that a recovery never writes the search's.
 */
final class PoolImages {
  private static final int BLOCK = BlockDevice.DEFAULT_BLOCK_SIZE;

  private PoolImages() {}

  /** A zeroed metadata device and a data device full of a non-zero pattern. */
  static List<BlockDevice> blank(long metadataBlocks, long dataDeviceBlocks) throws IOException {
    MemoryBlockDevice metadata = new MemoryBlockDevice(BLOCK, metadataBlocks);
    MemoryBlockDevice data = new MemoryBlockDevice(BLOCK, dataDeviceBlocks);
    // A block never zeroed then reads garbage, never zeros by luck.
    byte[] pattern = new byte[BLOCK];
    Arrays.fill(pattern, (byte) 0xA5);
    for (long b = 0; b < data.blockCount(); b++) {
      data.write(b, pattern);
    }
    return List.of(metadata, data);
  }

  /**
   * The strict check of a metadata image: its problems but for the one a crash may leave, a data
   * block allocated and not mapped (in-flight provisioning), which is counted instead. No problems
   * means the pool may be opened.
   */
  record MetadataVerdict(List<String> problems, long leaked) {
    boolean clean() {
      return problems.isEmpty();
    }
  }

  /** Checks with the subject's {@code memo}, which carries the references of its last check. */
  static MetadataVerdict checkMetadata(BlockDevice metadata, DataRefMemo memo) throws IOException {
    CheckReport report = MetadataChecker.check(metadata, CheckOptions.DEFAULT, memo);
    List<String> problems = new ArrayList<>();
    long leaked = 0;
    for (Problem p : report.problems()) {
      if (p.is(Rule.DATA_COUNT) && p.severity() == Severity.NON_FATAL) {
        leaked++;
      } else {
        problems.add(p.toString());
      }
    }
    if (report.hasFatal() && problems.isEmpty()) {
      problems.add("fatal problems in the metadata");
    }
    return new MetadataVerdict(List.copyOf(problems), leaked);
  }

  /**
   * A private writable view of an image ({@link OverlayDevice}): opening and closing a pool may
   * write, and the images are the search's. Only what the recovery reads is read, so the search can
   * merge states that differ only elsewhere.
   */
  static OverlayDevice overlay(BlockDevice image) {
    return new OverlayDevice(image);
  }

  /** Refuses a list of images that is not a pool's metadata and data devices. */
  static void requireTwo(String subject, List<? extends BlockDevice> devices) {
    if (devices.size() != 2) {
      throw new IllegalArgumentException(
          subject + ": expected 2 devices (metadata, data), got " + devices.size());
    }
  }
}
