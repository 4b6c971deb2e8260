package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolXmlReaderTest {
  private static final String SB =
      "<superblock uuid=\"u\" time=\"7\" transaction=\"9\" data_block_size=\"128\""
          + " nr_data_blocks=\"100\">\n";
  private static final String DEV =
      "  <device dev_id=\"5\" mapped_blocks=\"0\" transaction=\"3\" creation_time=\"1\""
          + " snap_time=\"2\">\n";

  static List<String> read(String xml) throws IOException {
    Recorder r = new Recorder();
    PoolXmlReader.read(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "pool.xml", r);
    return r.events;
  }

  static PoolXmlException error(String xml) {
    return assertThrows(PoolXmlException.class, () -> read(xml));
  }

  @Test
  void readsEveryElementAndDefaultsFlagsAndVersion() throws IOException {
    List<String> events =
        read(
            "<?xml version=\"1.0\"?>\n<!-- a comment -->\n"
                + SB
                + DEV
                + "    <single_mapping origin_block=\"18446744073709551615\" data_block=\"99\""
                + " time=\"16777215\"/>\n"
                + "    <range_mapping origin_begin=\"3\" data_begin=\"10\" length=\"4\""
                + " time=\"0\"></range_mapping>\n"
                + "  </device>\n</superblock>\n");
    assertEquals(
        List.of(
            "XmlSuperblock[uuid=u, time=7, transaction=9, flags=0, version=1,"
                + " dataBlockSize=128, nrDataBlocks=100, metadataSnap=0]",
            "XmlDevice[devId=5, mappedBlocks=0, transaction=3, creationTime=1, snapTime=2]",
            "map 18446744073709551615 99 1 16777215",
            "map 3 10 4 0",
            "end device",
            "end superblock"),
        events);
  }

  @Test
  void keepsExplicitFlagsVersionAndZeroMetadataSnap() throws IOException {
    List<String> events =
        read(
            "<superblock uuid=\"\" time=\"4294967295\" transaction=\"18446744073709551615\""
                + " flags=\"1\" version=\"2\" data_block_size=\"1\" nr_data_blocks=\"0\""
                + " metadata_snap=\"0\"/>");
    assertEquals(
        "XmlSuperblock[uuid=, time=4294967295, transaction=-1, flags=1, version=2,"
            + " dataBlockSize=1, nrDataBlocks=0, metadataSnap=0]",
        events.get(0));
  }

  @Test
  void anEmptyRangeMapsNothing() throws IOException {
    List<String> events =
        read(
            SB
                + DEV
                + "<range_mapping origin_begin=\"3\" data_begin=\"10\" length=\"0\""
                + " time=\"0\"/></device></superblock>");
    assertEquals(List.of("end device", "end superblock"), events.subList(2, 4));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown top element | <pool/> | pool.xml:1:1: unexpected element <pool> at the top: expected <superblock>
          unknown attribute | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1" colour="red"/> | <superblock> has an unknown attribute colour
          missing attribute | <superblock uuid="" time="1" data_block_size="1" nr_data_blocks="1"/> | <superblock> is missing the attribute transaction
          negative number | <superblock uuid="" time="-1" transaction="1" data_block_size="1" nr_data_blocks="1"/> | <superblock> time="-1": expected an unsigned 32-bit integer
          spaces in number | <superblock uuid="" time=" 1" transaction="1" data_block_size="1" nr_data_blocks="1"/> | <superblock> time=" 1": expected an unsigned 32-bit integer
          u32 overflow | <superblock uuid="" time="4294967296" transaction="1" data_block_size="1" nr_data_blocks="1"/> | time="4294967296": expected an unsigned 32-bit integer
          u64 overflow | <superblock uuid="" time="1" transaction="18446744073709551616" data_block_size="1" nr_data_blocks="1"/> | transaction="18446744073709551616": expected an unsigned 64-bit integer
          empty number | <superblock uuid="" time="" transaction="1" data_block_size="1" nr_data_blocks="1"/> | time="": expected
          version 3 | <superblock uuid="" time="1" transaction="1" version="3" data_block_size="1" nr_data_blocks="1"/> | version="3": expected 1 or 2
          zero block size | <superblock uuid="" time="1" transaction="1" data_block_size="0" nr_data_blocks="1"/> | data_block_size="0": expected an unsigned 32-bit integer above 0
          data device too big | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1099511627777"/> | nr_data_blocks="1099511627777": expected at most 1099511627776
          metadata snapshot | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1" metadata_snap="20"/> | metadata_snap="20": a restored image has no metadata snapshot to point at
          DOCTYPE | <!DOCTYPE superblock><superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1"/> | a DOCTYPE is not allowed
          text | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1">hello</superblock> | unexpected text "hello" in <superblock>
          malformed | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1"><device> | pool.xml:1:
          empty document | ' ' | malformed XML
          """)
  void rejectsBadSuperblocks(String name, String xml, String message) {
    PoolXmlException e = error(xml);
    assertTrue(e.getMessage().contains(message), () -> "wanted «" + message + "» in «" + e + "»");
    assertTrue(e.getMessage().startsWith("pool.xml:1:"), e::getMessage);
    assertEquals(1, e.line());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          device in a device | <device dev_id="1" mapped_blocks="0" transaction="0" creation_time="0" snap_time="0"></device> | unexpected element <device> in <device>: expected <single_mapping>, <range_mapping> or <ref>
          child of a mapping | <single_mapping origin_block="1" data_block="1" time="0"><x/></single_mapping> | unexpected element <x> in <single_mapping>
          data block beyond | <single_mapping origin_block="1" data_block="100" time="0"/> | <single_mapping> data_block="100" is beyond the data device: expected < nr_data_blocks 100
          range beyond | <range_mapping origin_begin="1" data_begin="98" length="3" time="0"/> | runs beyond the data device: expected data_begin + length <= nr_data_blocks 100
          range wraps | <range_mapping origin_begin="18446744073709551615" data_begin="0" length="2" time="0"/> | runs past the largest virtual block
          time too wide | <single_mapping origin_block="1" data_block="1" time="16777216"/> | time="16777216": expected at most 16777215 (mapping times are 24-bit)
          data block too wide | <single_mapping origin_block="1" data_block="1099511627776" time="0"/> | data_block="1099511627776": expected an unsigned integer below 2^40
          missing time | <range_mapping origin_begin="1" data_begin="1" length="1"/> | <range_mapping> is missing the attribute time
          """)
  void rejectsBadMappings(String name, String mapping, String message) {
    PoolXmlException e = error(SB + DEV + mapping + "\n</device></superblock>");
    assertTrue(e.getMessage().contains(message), () -> "wanted «" + message + "» in «" + e + "»");
    assertTrue(e.getMessage().startsWith("pool.xml:3:"), e::getMessage);
  }

  @Test
  void rejectsADuplicateDeviceNamingTheFirst() {
    PoolXmlException e = error(SB + DEV + "</device>\n" + DEV + "</device></superblock>");
    assertEquals(
        "pool.xml:4:3: <device> dev_id=\"5\" appears twice (first on line 2)", e.getMessage());
  }

  /** thin_dump 1.1's shared definitions: each ref stands for its def's mappings, in place. */
  @Test
  void readsDefsAndRefsAsTheMappingsTheyName() throws IOException {
    String def =
        "  <def name=\"14\">\n    <range_mapping origin_begin=\"3\" data_begin=\"10\" length=\"4\""
            + " time=\"0\"/>\n  </def>\n";
    List<String> events =
        read(
            SB
                + def
                + DEV
                + "    <single_mapping origin_block=\"1\" data_block=\"2\" time=\"0\"/>\n"
                + "    <ref name=\"14\"/>\n  </device>\n</superblock>");
    assertEquals(
        List.of("map 1 2 1 0", "map 3 10 4 0", "end device", "end superblock"),
        events.subList(2, events.size()));
    assertEquals(
        "pool.xml:3:5: <ref> name=\"15\" names no <def> before it",
        error(SB + DEV + "    <ref name=\"15\"/>\n</device></superblock>").getMessage());
    assertTrue(
        error(SB + def + def + "</superblock>").getMessage().contains("defined twice"),
        "a name defined twice");
    assertTrue(
        error(SB + "  <def name=\"1\"><ref name=\"1\"/></def></superblock>")
            .getMessage()
            .contains("unexpected element <ref> in <def>"),
        "a ref inside a def");
    assertTrue(
        error(SB + "  <def id=\"1\"></def></superblock>").getMessage().contains("id"),
        "an unknown attribute");
  }

  @Test
  void rejectsAMappingOutsideADevice() {
    PoolXmlException e =
        error(SB + "<single_mapping origin_block=\"1\" data_block=\"1\" time=\"0\"/>");
    assertEquals(
        "pool.xml:2:1: unexpected element <single_mapping> in <superblock>: expected <device> or"
            + " <def>",
        e.getMessage());
    assertEquals("pool.xml", e.source());
    assertEquals(2, e.line());
    assertEquals(1, e.column());
  }

  @Test
  void rejectsADeviceIdWiderThan32Bits() {
    PoolXmlException e =
        error(SB + DEV.replace("\"5\"", "\"4294967296\"") + "</device></superblock>");
    assertTrue(e.getMessage().contains("dev_id=\"4294967296\": expected an unsigned 32-bit"));
  }

  @Test
  void reportsTheLineOfATruncatedDocument() {
    PoolXmlException e = error(SB + DEV + "<single_mapping origin_block=\"1\" data_bl");
    assertEquals(3, e.line(), e::getMessage);
    assertTrue(e.getMessage().contains("malformed XML"), e::getMessage);
  }

  @Test
  void errorsAreOneLine() {
    PoolXmlException e = error(SB + "<device>\n\n</superblock>");
    assertTrue(!e.getMessage().contains("\n"), e::getMessage);
  }
}
