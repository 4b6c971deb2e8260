package io.powercut.thin;

import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the XML the real thin_dump prints (and writes the XML thin_restore reads), for comparing
 * the real tools' view of an image with a {@link ExpectedPool}. Only the elements of 0.9.0 are
 * known.
 */
final class ThinDumpXml {
  private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** What a dump holds. */
  record Dump(
      long transactionId, long time, long nrDataBlocks, TreeMap<Long, PoolAudit.Device> devices) {}

  private ThinDumpXml() {}

  private static TreeMap<String, String> attrs(String line) {
    TreeMap<String, String> a = new TreeMap<>();
    Matcher m = ATTR.matcher(line);
    while (m.find()) {
      a.put(m.group(1), m.group(2));
    }
    return a;
  }

  private static long num(TreeMap<String, String> a, String name) {
    String v = a.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no " + name + " in " + a);
    }
    return Long.parseLong(v);
  }

  static Dump parse(String xml) {
    long transactionId = -1;
    long time = -1;
    long nrDataBlocks = -1;
    TreeMap<Long, PoolAudit.Device> devices = new TreeMap<>();
    TreeMap<Long, ExpectedPool.Map1> current = null;
    for (String raw : xml.split("\n")) {
      String line = raw.strip();
      TreeMap<String, String> a = attrs(line);
      if (line.startsWith("<superblock")) {
        transactionId = num(a, "transaction");
        time = num(a, "time");
        nrDataBlocks = num(a, "nr_data_blocks");
      } else if (line.startsWith("<device")) {
        current = new TreeMap<>();
        devices.put(
            num(a, "dev_id"),
            new PoolAudit.Device(
                new DeviceDetails(
                    num(a, "mapped_blocks"),
                    num(a, "transaction"),
                    num(a, "creation_time"),
                    num(a, "snap_time")),
                current));
      } else if (line.startsWith("<single_mapping")) {
        current.put(
            num(a, "origin_block"), new ExpectedPool.Map1(num(a, "data_block"), num(a, "time")));
      } else if (line.startsWith("<range_mapping")) {
        for (long i = 0; i < num(a, "length"); i++) {
          current.put(
              num(a, "origin_begin") + i,
              new ExpectedPool.Map1(num(a, "data_begin") + i, num(a, "time")));
        }
      }
    }
    return new Dump(transactionId, time, nrDataBlocks, devices);
  }

  /** The XML thin_restore reads for {@code model} (single mappings only). */
  static String write(ExpectedPool model, long dataBlockSize) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "<superblock uuid=\"\" time=\"%d\" transaction=\"%d\" flags=\"0\" version=\"2\""
                + " data_block_size=\"%d\" nr_data_blocks=\"%d\">%n",
            model.time, model.transactionId, dataBlockSize, model.dataSize));
    model.devices.forEach(
        (id, d) -> {
          DeviceDetails det = d.details();
          sb.append(
              String.format(
                  "  <device dev_id=\"%d\" mapped_blocks=\"%d\" transaction=\"%d\""
                      + " creation_time=\"%d\" snap_time=\"%d\">%n",
                  id,
                  det.mappedBlocks(),
                  det.transactionId(),
                  det.creationTime(),
                  det.snapshottedTime()));
          d.mappings.forEach(
              (v, m) ->
                  sb.append(
                      String.format(
                          "    <single_mapping origin_block=\"%d\" data_block=\"%d\""
                              + " time=\"%d\"/>%n",
                          v, m.dataBlock(), m.time())));
          sb.append("  </device>\n");
        });
    return sb.append("</superblock>\n").toString();
  }
}
