package io.powercut.thin.xml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes pool events as XML byte for byte as thin_dump 0.9.0 does: two-space indentation, the
 * attributes in its order, and consecutive mappings merged greedily into runs (virtual and data
 * block both one higher, same time) printed as {@code range_mapping} when two or longer and as
 * {@code single_mapping} otherwise. Streams: only the pending run is held.
 */
public final class PoolXmlWriter implements PoolXmlHandler {
  private static final int BUFFER = 1 << 16;

  private final OutputStream out;
  private final byte[] buf = new byte[BUFFER];
  private int pos;

  private boolean inRun;
  private long runOrigin;
  private long runData;
  private long runLength;
  private long runTime;

  public PoolXmlWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void beginSuperblock(XmlSuperblock sb) throws IOException {
    text("<superblock uuid=\"");
    escaped(sb.uuid());
    attr("time", sb.time());
    attr("transaction", sb.transaction());
    attr("flags", sb.flags());
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
  public void endSuperblock() throws IOException {
    text("</superblock>\n");
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
      text("    <single_mapping origin_block=\"");
      number(runOrigin);
      attr("data_block", runData);
    } else {
      text("    <range_mapping origin_begin=\"");
      number(runOrigin);
      attr("data_begin", runData);
      attr("length", runLength);
    }
    attr("time", runTime);
    text("\"/>\n");
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

  /** An unsigned decimal, as the tools print u64 fields. */
  private void number(long v) throws IOException {
    ensure(20);
    if (v >= 0 && v < 10) {
      buf[pos++] = (byte) ('0' + v);
      return;
    }
    String s = Long.toUnsignedString(v);
    for (int i = 0; i < s.length(); i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void ensure(int n) throws IOException {
    if (pos + n > buf.length) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }
}
