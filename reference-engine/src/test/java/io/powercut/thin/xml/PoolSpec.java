package io.powercut.thin.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated pool as the XML describes it, mappings in input order (possibly unsorted, with later
 * entries replacing earlier ones, as thin_restore allows), and what a dump of it must print.
 */
public record PoolSpec(
    String uuid,
    long time,
    long transaction,
    long flags,
    long version,
    long dataBlockSize,
    long nrDataBlocks,
    List<Device> devices) {

  /** The input's mapped_blocks: deliberately wrong, since restore must count for itself. */
  public static final long INPUT_MAPPED_BLOCKS = 12345;

  /** One device; each mapping is {origin, data, length, time} in input order. */
  public record Device(
      long id, long transaction, long creationTime, long snapTime, List<long[]> mappings) {

    /** The final mapping of each virtual block: later input entries win. */
    public TreeMap<Long, long[]> finalMappings() {
      TreeMap<Long, long[]> m = new TreeMap<>(Long::compareUnsigned);
      for (long[] r : mappings) {
        for (long i = 0; i < r[2]; i++) {
          m.put(r[0] + i, new long[] {r[1] + i, r[3]});
        }
      }
      return m;
    }
  }

  public long mappingCount() {
    long n = 0;
    for (Device d : devices) {
      for (long[] r : d.mappings) {
        n += r[2];
      }
    }
    return n;
  }

  /** Sends the pool as the XML would: in input order, ranges as given. */
  public void emit(PoolXmlHandler h) throws IOException {
    h.beginSuperblock(
        new XmlSuperblock(uuid, time, transaction, flags, version, dataBlockSize, nrDataBlocks, 0));
    for (Device d : devices) {
      h.beginDevice(
          new XmlDevice(d.id, INPUT_MAPPED_BLOCKS, d.transaction, d.creationTime, d.snapTime));
      for (long[] r : d.mappings) {
        h.mapping(r[0], r[1], r[2], r[3]);
      }
      h.endDevice();
    }
    h.endSuperblock();
  }

  /**
   * The input XML: with {@code ranges}, mappings of length > 1 as {@code range_mapping}, else as
   * single mappings; some attribute orders shuffled is not needed since XML ignores order.
   */
  public String inputXml(boolean ranges) {
    StringBuilder sb = new StringBuilder();
    sb.append("<superblock uuid=\"")
        .append(escape(uuid))
        .append("\" time=\"")
        .append(time)
        .append("\" transaction=\"")
        .append(Long.toUnsignedString(transaction))
        .append('"');
    if (flags != 0) {
      sb.append(" flags=\"").append(flags).append('"');
    }
    if (version != 1) {
      sb.append(" version=\"").append(version).append('"');
    }
    sb.append(" data_block_size=\"")
        .append(dataBlockSize)
        .append("\" nr_data_blocks=\"")
        .append(nrDataBlocks)
        .append("\">\n");
    for (Device d : devices) {
      sb.append("  <device dev_id=\"")
          .append(d.id)
          .append("\" mapped_blocks=\"" + INPUT_MAPPED_BLOCKS + "\" transaction=\"")
          .append(Long.toUnsignedString(d.transaction))
          .append("\" creation_time=\"")
          .append(d.creationTime)
          .append("\" snap_time=\"")
          .append(d.snapTime)
          .append("\">\n");
      for (long[] r : d.mappings) {
        if (ranges && r[2] > 1) {
          sb.append("    <range_mapping origin_begin=\"")
              .append(Long.toUnsignedString(r[0]))
              .append("\" data_begin=\"")
              .append(r[1])
              .append("\" length=\"")
              .append(r[2])
              .append("\" time=\"")
              .append(r[3])
              .append("\"/>\n");
        } else {
          for (long i = 0; i < r[2]; i++) {
            sb.append("    <single_mapping origin_block=\"")
                .append(Long.toUnsignedString(r[0] + i))
                .append("\" data_block=\"")
                .append(r[1] + i)
                .append("\" time=\"")
                .append(r[3])
                .append("\"/>\n");
          }
        }
      }
      sb.append("  </device>\n");
    }
    sb.append("</superblock>\n");
    return sb.toString();
  }

  /** What thin_dump prints for the restored pool: devices by id, final mappings by block. */
  public String expectedDump() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PoolXmlWriter w = new PoolXmlWriter(out);
    try {
      w.beginSuperblock(
          new XmlSuperblock("", time, transaction, flags, version, dataBlockSize, nrDataBlocks, 0));
      List<Device> sorted = new ArrayList<>(devices);
      sorted.sort((a, b) -> Long.compare(a.id, b.id));
      for (Device d : sorted) {
        TreeMap<Long, long[]> m = d.finalMappings();
        w.beginDevice(new XmlDevice(d.id, m.size(), d.transaction, d.creationTime, d.snapTime));
        for (Map.Entry<Long, long[]> e : m.entrySet()) {
          w.mapping(e.getKey(), e.getValue()[0], 1, e.getValue()[1]);
        }
        w.endDevice();
      }
      w.endSuperblock();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  @Override
  public String toString() {
    return "PoolSpec[version="
        + version
        + ", nr_data_blocks="
        + nrDataBlocks
        + ", devices="
        + devices.size()
        + ", mappings="
        + mappingCount()
        + "]";
  }
}
