package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipelined reader hands over exactly the sequential reader's events and failures. */
class PoolXmlPipelineTest {
  private static final String SB =
      "<superblock uuid=\"u\" time=\"7\" transaction=\"9\" data_block_size=\"128\""
          + " nr_data_blocks=\"100000\">\n";

  /** Devices, a def and its refs, empty devices, and more mappings than several batches hold. */
  private static String pool(int devices, int mappingsPerDevice) {
    StringBuilder xml = new StringBuilder(SB);
    xml.append("  <def name=\"d\"><range_mapping origin_begin=\"0\" data_begin=\"7\" length=\"3\"")
        .append(" time=\"1\"/></def>\n");
    for (int d = 0; d < devices; d++) {
      xml.append("  <device dev_id=\"")
          .append(d)
          .append(
              "\" mapped_blocks=\"0\" transaction=\"0\" creation_time=\"0\" snap_time=\"0\">\n");
      if (d % 3 == 1) {
        xml.append("    <ref name=\"d\"/>\n");
      }
      for (int m = 0; m < (d % 3 == 2 ? 0 : mappingsPerDevice); m++) {
        xml.append("    <single_mapping origin_block=\"")
            .append(10 + m)
            .append("\" data_block=\"")
            .append((m * 7 + d) % 100000)
            .append("\" time=\"0\"/>\n");
      }
      xml.append("  </device>\n");
    }
    return xml.append("</superblock>\n").toString();
  }

  private static InputStream in(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> sequential(String xml) throws IOException {
    Recorder r = new Recorder();
    PoolXmlReader.read(in(xml), "pool.xml", r);
    return r.events;
  }

  @Test
  void handsOverTheSequentialReadersEventsInOrder() throws IOException {
    for (int perDevice : new int[] {0, 1, PipelineBatch.CAPACITY - 1, 3 * PipelineBatch.CAPACITY}) {
      String xml = pool(7, perDevice);
      Recorder r = new Recorder();
      PoolXmlPipeline.read(in(xml), "pool.xml", r);
      assertEquals(sequential(xml), r.events, "mappings per device: " + perDevice);
    }
  }

  @Test
  void aParseErrorComesAfterEveryEventBeforeIt() throws IOException {
    String good = pool(3, 2 * PipelineBatch.CAPACITY);
    String bad = good.replace("origin_block=\"5000\"", "origin_block=\"x\"");
    Recorder sequential = new Recorder();
    PoolXmlException expected =
        assertThrows(
            PoolXmlException.class, () -> PoolXmlReader.read(in(bad), "pool.xml", sequential));
    Recorder pipelined = new Recorder();
    PoolXmlException e =
        assertThrows(
            PoolXmlException.class, () -> PoolXmlPipeline.read(in(bad), "pool.xml", pipelined));
    assertEquals(expected.getMessage(), e.getMessage());
    assertEquals(sequential.events, pipelined.events);
  }

  /** The handler's failure wins over a parse error further on, as it would sequentially. */
  @Test
  void aHandlerFailureStopsTheParserAndIsTheOneThrown() {
    String bad = pool(3, 4 * PipelineBatch.CAPACITY) + "<trailing/>";
    Recorder seen = new Recorder();
    PoolXmlHandler failing =
        new PoolXmlHandler() {
          @Override
          public void beginSuperblock(XmlSuperblock superblock) {
            seen.beginSuperblock(superblock);
          }

          @Override
          public void beginDevice(XmlDevice device) {
            seen.beginDevice(device);
          }

          @Override
          public void mapping(long originBegin, long dataBegin, long length, long time) {
            if (seen.events.size() == 100) {
              throw new IllegalStateException("the builder gives up");
            }
            seen.mapping(originBegin, dataBegin, length, time);
          }

          @Override
          public void endDevice() {
            seen.endDevice();
          }

          @Override
          public void endSuperblock() {
            seen.endSuperblock();
          }
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> PoolXmlPipeline.read(in(bad), "pool.xml", failing));
    assertEquals("the builder gives up", e.getMessage());
    assertEquals(100, seen.events.size());
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals("pool-xml-parser")),
        "the parser thread is gone");
  }
}
