package io.powercut.thin.xml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes pool events as XML byte for byte as thin_dump 0.9.0 does, or 1.1.0 (see {@link
 * DumpCompat}): two-space indentation, the attributes in its order, and consecutive mappings merged
 * greedily into runs (virtual and data block both one higher, same time) printed as {@code
 * range_mapping} when two or longer and as {@code single_mapping} otherwise; a run ends at a {@code
 * <ref>}. Streams: only the pending run is held.
 */
public final class PoolXmlWriter implements PoolXmlHandler {
  private static final int BUFFER = 1 << 16;

  // A mapping's markup, as bytes: copying them is most of a dump's work, and the quick JIT copies
  // an array far faster than it reads a String char by char.
  private static final byte[] SINGLE = ascii("    <single_mapping origin_block=\"");
  private static final byte[] DATA_BLOCK = ascii("\" data_block=\"");
  private static final byte[] RANGE = ascii("    <range_mapping origin_begin=\"");
  private static final byte[] DATA_BEGIN = ascii("\" data_begin=\"");
  private static final byte[] LENGTH = ascii("\" length=\"");
  private static final byte[] TIME = ascii("\" time=\"");
  private static final byte[] EMPTY_END = ascii("\"/>\n");

  /** Below this, a number's digits are found by multiplying, not by 64-bit division. */
  private static final long U32_LIMIT = 1L << 32;

  private final OutputStream out;
  private final DumpCompat compat;
  private final byte[] buf = new byte[BUFFER];
  private int pos;

  private boolean inRun;
  private long runOrigin;
  private long runData;
  private long runLength;
  private long runTime;

  /** Writes 0.9.0's XML. */
  public PoolXmlWriter(OutputStream out) {
    this(out, DumpCompat.V0_9);
  }

  public PoolXmlWriter(OutputStream out, DumpCompat compat) {
    this.out = out;
    this.compat = compat;
  }

  @Override
  public void beginSuperblock(XmlSuperblock sb) throws IOException {
    text("<superblock uuid=\"");
    escaped(sb.uuid());
    attr("time", sb.time());
    attr("transaction", sb.transaction());
    if (compat == DumpCompat.V0_9) {
      attr("flags", sb.flags());
    } else if ((sb.flags() & 1) != 0) {
      // 1.1.0 knows one flag, needs_check, and prints it as 1 or not at all.
      attr("flags", 1);
    }
    attr("version", sb.version());
    attr("data_block_size", sb.dataBlockSize());
    attr("nr_data_blocks", sb.nrDataBlocks());
    if (sb.metadataSnap() != 0) {
      attr("metadata_snap", sb.metadataSnap());
    }
    text("\">\n");
  }

  @Override
  public void beginDevice(XmlDevice d) throws IOException {
    text("  <device dev_id=\"");
    number(d.devId());
    attr("mapped_blocks", d.mappedBlocks());
    attr("transaction", d.transaction());
    attr("creation_time", d.creationTime());
    attr("snap_time", d.snapTime());
    text("\">\n");
  }

  @Override
  public void mapping(long originBegin, long dataBegin, long length, long time) throws IOException {
    if (inRun
        && originBegin == runOrigin + runLength
        && dataBegin == runData + runLength
        && time == runTime) {
      runLength += length;
      return;
    }
    flushRun();
    inRun = true;
    runOrigin = originBegin;
    runData = dataBegin;
    runLength = length;
    runTime = time;
  }

  @Override
  public void endDevice() throws IOException {
    flushRun();
    text("  </device>\n");
  }

  @Override
  public void beginDef(String name) throws IOException {
    text("  <def name=\"");
    escaped(name);
    text("\">\n");
  }

  @Override
  public void endDef() throws IOException {
    flushRun();
    text("  </def>\n");
  }

  @Override
  public void ref(String name) throws IOException {
    flushRun();
    text("    <ref name=\"");
    escaped(name);
    text("\"/>\n");
  }

  @Override
  public void endSuperblock() throws IOException {
    text(compat == DumpCompat.V0_9 ? "</superblock>\n" : "</superblock>");
    flush();
  }

  /** Writes out everything buffered (the pending run stays pending until its device ends). */
  public void flush() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
    out.flush();
  }

  private void flushRun() throws IOException {
    if (!inRun) {
      return;
    }
    inRun = false;
    if (runLength == 1) {
      bytes(SINGLE);
      number(runOrigin);
      bytes(DATA_BLOCK);
      number(runData);
    } else {
      bytes(RANGE);
      number(runOrigin);
      bytes(DATA_BEGIN);
      number(runData);
      bytes(LENGTH);
      number(runLength);
    }
    bytes(TIME);
    number(runTime);
    bytes(EMPTY_END);
  }

  /** Closes the previous attribute's quote and writes {@code name="value} (quote left open). */
  private void attr(String name, long value) throws IOException {
    text("\" ");
    text(name);
    text("=\"");
    number(value);
  }

  private void text(String ascii) throws IOException {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) ascii.charAt(i);
    }
  }

  /** The uuid as attribute text: the markup characters escaped, the rest as UTF-8. */
  private void escaped(String s) throws IOException {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    ensure(b.length);
    if (b.length > buf.length) {
      out.write(b);
      return;
    }
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void bytes(byte[] b) throws IOException {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /** An unsigned decimal, as the tools print u64 fields. */
  private void number(long v) throws IOException {
    ensure(20);
    if (v < 0 || v >= U32_LIMIT) {
      String s = Long.toUnsignedString(v);
      for (int i = 0; i < s.length(); i++) {
        buf[pos++] = (byte) s.charAt(i);
      }
      return;
    }
    int n = 1;
    for (long p = 10; p <= v; p *= 10) {
      n++;
    }
    pos += n;
    for (int i = pos - 1; i >= pos - n; i--) {
      // v / 10 for every v below 2^32, exactly (0xCCCCCCCD = ceil(2^35 / 10)).
      long q = (v * 0xCCCC_CCCDL) >>> 35;
      buf[i] = (byte) ('0' + (v - q * 10));
      v = q;
    }
  }

  private void ensure(int n) throws IOException {
    if (pos + n > buf.length) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }
}
