package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.powercut.property.junit.Property;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PoolXmlWriterTest {
  static String write(PoolSpec spec) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    spec.emit(new PoolXmlWriter(out));
    return out.toString(StandardCharsets.UTF_8);
  }

  static String rewrite(String xml) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PoolXmlReader.read(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        "pool.xml",
        new PoolXmlWriter(out));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Numbers as decimals at every width, around 2^32 (where the writer changes method) too. */
  @Test
  void printsEveryNumberInDecimal() throws IOException {
    long[] values = {0, 9, 10, 99, 100, 4294967295L, 4294967296L, Long.MAX_VALUE, -1};
    for (long v : values) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PoolXmlWriter w = new PoolXmlWriter(out);
      w.beginSuperblock(new XmlSuperblock("", 0, v, 0, 2, 128, 1104, 0));
      w.beginDevice(new XmlDevice(0, 1, 0, 0, 0));
      w.mapping(v, 5, 1, 0);
      w.endDevice();
      w.endSuperblock();
      String text = out.toString(StandardCharsets.UTF_8);
      String d = Long.toUnsignedString(v);
      assertEquals(true, text.contains("transaction=\"" + d + "\" "), text);
      assertEquals(true, text.contains("origin_block=\"" + d + "\" data_block=\"5\""), text);
    }
  }

  @Test
  void printsTheThinDumpLayout() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PoolXmlWriter w = new PoolXmlWriter(out);
    w.beginSuperblock(new XmlSuperblock("", 2, 3, 0, 2, 128, 1104, 0));
    w.beginDevice(new XmlDevice(0, 10, 0, 0, 1));
    w.mapping(35, 663, 1, 0);
    w.mapping(36, 664, 1, 0);
    w.mapping(37, 665, 1, 0);
    w.mapping(42, 308, 1, 0); // origin gap
    w.mapping(43, 148, 1, 1); // data and time differ
    w.mapping(44, 149, 1, 0); // time differs
    w.mapping(45, 150, 2, 0); // a range continues a run
    w.mapping(47, 153, 1, 0); // data gap
    w.endDevice();
    w.beginDevice(new XmlDevice(7, 0, 0, 1, 1));
    w.endDevice();
    w.endSuperblock();
    assertEquals(
        """
        <superblock uuid="" time="2" transaction="3" flags="0" version="2" data_block_size="128" nr_data_blocks="1104">
          <device dev_id="0" mapped_blocks="10" transaction="0" creation_time="0" snap_time="1">
            <range_mapping origin_begin="35" data_begin="663" length="3" time="0"/>
            <single_mapping origin_block="42" data_block="308" time="0"/>
            <single_mapping origin_block="43" data_block="148" time="1"/>
            <range_mapping origin_begin="44" data_begin="149" length="3" time="0"/>
            <single_mapping origin_block="47" data_block="153" time="0"/>
          </device>
          <device dev_id="7" mapped_blocks="0" transaction="0" creation_time="1" snap_time="1">
          </device>
        </superblock>
        """,
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsU64FieldsUnsignedEscapesTheUuidAndAddsMetadataSnap() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PoolXmlWriter w = new PoolXmlWriter(out);
    w.beginSuperblock(new XmlSuperblock("a&\"<", 1, -1, 1, 1, 64, 5, 77));
    w.beginDevice(new XmlDevice(4294967295L, -1, -2, 4294967295L, 0));
    w.mapping(-1, 4, 1, 16777215);
    w.endDevice();
    w.endSuperblock();
    assertEquals(
        """
        <superblock uuid="a&amp;&quot;&lt;" time="1" transaction="18446744073709551615" flags="1" version="1" data_block_size="64" nr_data_blocks="5" metadata_snap="77">
          <device dev_id="4294967295" mapped_blocks="18446744073709551615" transaction="18446744073709551614" creation_time="4294967295" snap_time="0">
            <single_mapping origin_block="18446744073709551615" data_block="4" time="16777215"/>
          </device>
        </superblock>
        """,
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void readingWhatWeWriteGivesTheSameBytes() {
    Property.forAll(PoolSpecs.anyOrder(200))
        .seeds(50)
        .check(
            spec -> {
              String once = write(spec);
              assertEquals(once, rewrite(once));
            });
  }

  @Test
  void rangesAndSinglesOfTheSameMappingsWriteTheSame() {
    Property.forAll(PoolSpecs.anyOrder(200))
        .seeds(50)
        .check(
            spec -> {
              String expected = write(spec);
              assertEquals(expected, rewrite(spec.inputXml(true)));
              assertEquals(expected, rewrite(spec.inputXml(false)));
            });
  }
}
