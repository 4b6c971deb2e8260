package io.powercut.thin.xml;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.thin.BlockTime;
import java.io.IOException;

/**
 * Mappings on their way to the XML, one stretch at a time (a device's tree, or a shared run of
 * leaves): keys must rise within the stretch and data blocks lie inside the data device, or the
 * dump stops with the block and the path, as thin_dump does.
 */
final class DumpedMappings {
  private final String path;
  private final long nrDataBlocks;
  private final PoolXmlHandler out;
  private boolean first = true;
  private long previous;

  /** {@code nrDataBlocks} -1 means the data size is unknown and not checked. */
  DumpedMappings(String path, long nrDataBlocks, PoolXmlHandler out) {
    this.path = path;
    this.nrDataBlocks = nrDataBlocks;
    this.out = out;
  }

  String path() {
    return path;
  }

  /**
   * One mapping of {@code block}: virtual block {@code vblock}, its block_time at {@code d[off]}.
   */
  void add(long block, long vblock, byte[] d, int off) throws IOException {
    if (!first && Long.compareUnsigned(vblock, previous) <= 0) {
      throw CorruptMetadataException.expected(
          block,
          "mapping key order",
          "virtual block above " + Long.toUnsignedString(previous),
          Long.toUnsignedString(vblock),
          path);
    }
    first = false;
    previous = vblock;
    long bt = Le.u64(d, off);
    long data = BlockTime.dataBlock(bt);
    if (nrDataBlocks >= 0 && data >= nrDataBlocks) {
      throw CorruptMetadataException.expected(
          block,
          "mapped data block",
          "below nr_data_blocks " + nrDataBlocks,
          data + " for virtual block " + Long.toUnsignedString(vblock),
          path);
    }
    out.mapping(vblock, data, 1, BlockTime.time(bt));
  }
}
