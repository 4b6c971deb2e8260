package io.powercut.thin.check;

import io.powercut.pdata.btree.BTreeNode;
import io.powercut.thin.BlockTime;
import io.powercut.thin.DeviceDetails;
import java.io.IOException;

/**
 * Checks the two thin trees one superblock holds (the live one, or the metadata snapshot's copy):
 * the device-details tree and the two-level mapping tree. Both trees must name the same devices;
 * each device's mapped_blocks must equal the mappings its tree holds; every mapping must point
 * inside the data device at a time no later than the superblock's. Data blocks are counted once per
 * distinct leaf that maps them, which is how the data space map counts them.
 */
final class ThinTrees {
  /** Most devices a check keeps track of: dm-thin's device ids are 24 bits. */
  static final int MAX_DEVICES = 1 << 24;

  private final TreeWalker walker;
  private final ProblemLog log;
  private final DataReferences dataRefs;
  private final long nrDataBlocks;
  private final int maxDevices;
  private long time;
  private long devices;
  private long mappings;

  ThinTrees(TreeWalker walker, ProblemLog log, DataReferences dataRefs, long nrDataBlocks) {
    this(walker, log, dataRefs, nrDataBlocks, MAX_DEVICES);
  }

  /** With a smaller device cap, for tests. */
  ThinTrees(
      TreeWalker walker,
      ProblemLog log,
      DataReferences dataRefs,
      long nrDataBlocks,
      int maxDevices) {
    this.walker = walker;
    this.log = log;
    this.dataRefs = dataRefs;
    this.nrDataBlocks = nrDataBlocks;
    this.maxDevices = maxDevices;
  }

  /** Devices in the details trees checked so far. */
  long devices() {
    return devices;
  }

  /** Mappings counted so far (a subtree shared by n devices counts n times). */
  long mappings() {
    return mappings;
  }

  /**
   * Checks the trees at {@code detailsRoot} and {@code mappingRoot} of a superblock at time {@code
   * superblockTime}; a root of 0 was found out of range and is skipped. With {@code topLevelOnly}
   * the devices' own trees are not walked.
   */
  void check(
      long detailsRoot, long mappingRoot, long superblockTime, String path, boolean topLevelOnly)
      throws IOException {
    this.time = superblockTime;
    DeviceList details = new DeviceList(maxDevices);
    if (detailsRoot != 0) {
      walker.walk(
          detailsRoot,
          TreeShape.DEVICE_DETAILS,
          path + " > device details tree",
          new DeviceLeaves(details, true));
    }
    DeviceList roots = new DeviceList(maxDevices);
    if (mappingRoot != 0) {
      walker.walk(
          mappingRoot,
          TreeShape.TOP_MAPPING,
          path + " > mapping tree",
          new DeviceLeaves(roots, false));
    }
    details.seal();
    roots.seal();
    devices += details.size();
    if (detailsRoot != 0 && mappingRoot != 0) {
      compare(details, roots, path, topLevelOnly);
    }
  }

  /**
   * Lists the devices of a details or top-level mapping tree, including those in nodes shared with
   * the tree checked before (the live and the snapshot's trees may share any node, even the root).
   */
  private final class DeviceLeaves implements TreeWalker.LeafVisitor {
    private final DeviceList list;
    private final boolean details;

    DeviceLeaves(DeviceList list, boolean details) {
      this.list = list;
      this.details = details;
    }

    @Override
    public void leaf(long block, byte[] node, int nr) {
      add(block, node, nr, false);
    }

    @Override
    public boolean wantsSharedLeaves() {
      return true;
    }

    @Override
    public void sharedLeaf(long block, byte[] node, int nr) {
      add(block, node, nr, true);
    }

    private void add(long block, byte[] node, int nr, boolean shared) {
      for (int i = 0; i < nr; i++) {
        long dev = BTreeNode.key(node, i);
        long value =
            details
                ? DeviceDetails.read(node, BTreeNode.valueOffset(node, i)).mappedBlocks()
                : BTreeNode.value64(node, i);
        if (!list.add(dev, value, shared) && list.dropped() == 1) {
          log.fatal(
              block,
              Rule.DEVICE_COUNT,
              ProblemLog.expected("at most " + maxDevices + " devices", "more"),
              walker.path());
        }
      }
    }
  }

  /** Walks the two device lists side by side, in id order. */
  private void compare(DeviceList details, DeviceList roots, String path, boolean topLevelOnly)
      throws IOException {
    int i = 0;
    int j = 0;
    while (i < details.size() || j < roots.size()) {
      int c =
          i == details.size()
              ? 1
              : j == roots.size() ? -1 : Long.compareUnsigned(details.id(i), roots.id(j));
      if (c < 0) {
        long dev = details.id(i++);
        log.fatal(
            0,
            Rule.DEVICE_SET,
            "device " + Long.toUnsignedString(dev) + " has details but no mapping tree",
            path);
      } else if (c > 0) {
        long dev = roots.id(j++);
        log.fatal(
            0,
            Rule.DEVICE_SET,
            "device " + Long.toUnsignedString(dev) + " has a mapping tree but no details",
            path);
      } else {
        long dev = details.id(i);
        long mapped = details.value(i++);
        boolean counted = roots.fromSharedNode(j);
        long root = roots.value(j++);
        if (!topLevelOnly) {
          checkDevice(dev, mapped, root, counted, path);
        }
      }
    }
  }

  /**
   * Walks a device's tree and compares its mappings with mapped_blocks. A root pointer held by a
   * node of the tree checked before was counted there, and its tree walked: it is not counted
   * twice, only compared with these details.
   */
  private void checkDevice(long dev, long mapped, long root, boolean pointerCounted, String path)
      throws IOException {
    String devPath = path + " > mapping tree > device " + Long.toUnsignedString(dev);
    long counted =
        pointerCounted && walker.walked(root, TreeShape.DEVICE_MAPPING)
            ? walker.entriesBeneath(root)
            : walker.walk(root, TreeShape.DEVICE_MAPPING, devPath, this::mappingLeaf);
    if (counted < 0) {
      return;
    }
    mappings += counted;
    if (counted != mapped) {
      log.fatal(
          root,
          Rule.MAPPED_BLOCKS,
          "device "
              + Long.toUnsignedString(dev)
              + ": "
              + ProblemLog.expected(counted + " (mappings in its tree)", mapped),
          devPath);
    }
  }

  private void mappingLeaf(long block, byte[] node, int nr) {
    if (!dataRefs.countLeaf(block, node, nr, nrDataBlocks, time)) {
      reportLeaf(block, node, nr);
    }
  }

  /** Reports each mapping of a leaf that points outside the data device or into the future. */
  private void reportLeaf(long block, byte[] node, int nr) {
    for (int i = 0; i < nr; i++) {
      long v = BTreeNode.value64(node, i);
      long data = BlockTime.dataBlock(v);
      if (Long.compareUnsigned(data, nrDataBlocks) >= 0) {
        if (log.keeping()) {
          log.fatal(
              block,
              Rule.DATA_BLOCK_RANGE,
              "virtual block "
                  + Long.toUnsignedString(BTreeNode.key(node, i))
                  + " maps data block "
                  + data
                  + ", expected < "
                  + nrDataBlocks,
              walker.path());
        } else {
          log.skip(Severity.FATAL);
        }
      }
      long t = BlockTime.time(v);
      if (t > time) {
        if (log.keeping()) {
          log.fatal(
              block,
              Rule.MAPPING_TIME,
              "virtual block "
                  + Long.toUnsignedString(BTreeNode.key(node, i))
                  + ": "
                  + ProblemLog.expected("time <= superblock time " + time, t),
              walker.path());
        } else {
          log.skip(Severity.FATAL);
        }
      }
    }
  }
}
