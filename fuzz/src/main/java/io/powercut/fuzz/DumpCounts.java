package io.powercut.fuzz;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a thin_dump XML just far enough to compare each device's {@code mapped_blocks} with the
 * mappings printed under it: a dump that disagrees with itself has lost (or invented) mappings.
 * Knows 1.1's shared definitions: a {@code <ref name="N"/>} counts the mappings of {@code <def
 * name="N">}.
 */
final class DumpCounts {
  private static final Pattern DEVICE =
      Pattern.compile("<device dev_id=\"(\\d+)\" mapped_blocks=\"(\\d+)\"");
  private static final Pattern RANGE = Pattern.compile("<range_mapping [^>]*length=\"(\\d+)\"");
  private static final Pattern DEF = Pattern.compile("<def name=\"([^\"]*)\"");
  private static final Pattern REF = Pattern.compile("<ref name=\"([^\"]*)\"");

  private DumpCounts() {}

  /** The first device whose count disagrees, described, or null if all agree. */
  static String mismatch(String xml) {
    Map<String, Long> defs = new HashMap<>();
    String def = null;
    String dev = null;
    long claimed = 0;
    long counted = 0;
    for (String line : xml.split("\n")) {
      Matcher d = DEVICE.matcher(line);
      Matcher df = DEF.matcher(line);
      Matcher rf = REF.matcher(line);
      Matcher r = RANGE.matcher(line);
      if (d.find()) {
        dev = d.group(1);
        claimed = Long.parseUnsignedLong(d.group(2));
        counted = 0;
      } else if (df.find()) {
        def = df.group(1);
        counted = 0;
      } else if (line.contains("</def>") && def != null) {
        defs.put(def, counted);
        def = null;
      } else if (rf.find()) {
        Long n = defs.get(rf.group(1));
        if (n == null) {
          return "device " + dev + ": <ref name=\"" + rf.group(1) + "\"/> to no <def>";
        }
        counted += n;
      } else if (line.contains("<single_mapping")) {
        counted++;
      } else if (r.find()) {
        counted += Long.parseUnsignedLong(r.group(1));
      } else if (line.contains("</device>") && dev != null && claimed != counted) {
        return "device " + dev + ": mapped_blocks " + claimed + ", " + counted + " mappings dumped";
      }
    }
    return null;
  }
}
