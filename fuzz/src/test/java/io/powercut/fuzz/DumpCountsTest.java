package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DumpCountsTest {
  private static String dump(long mappedBlocks) {
    return "<superblock uuid=\"\" time=\"1\">\n"
        + "  <device dev_id=\"0\" mapped_blocks=\"3\" transaction=\"0\">\n"
        + "    <range_mapping origin_begin=\"0\" data_begin=\"5\" length=\"2\" time=\"0\"/>\n"
        + "    <single_mapping origin_block=\"9\" data_block=\"1\" time=\"0\"/>\n"
        + "  </device>\n"
        + "  <device dev_id=\"7\" mapped_blocks=\""
        + mappedBlocks
        + "\" transaction=\"0\">\n"
        + "    <single_mapping origin_block=\"2\" data_block=\"8\" time=\"0\"/>\n"
        + "  </device>\n"
        + "</superblock>\n";
  }

  @Test
  void aDumpThatAgreesWithItself() {
    assertNull(DumpCounts.mismatch(dump(1)));
  }

  @Test
  void aDeviceWhoseMappingsFallShortOfItsCount() {
    assertEquals("device 7: mapped_blocks 4, 1 mappings dumped", DumpCounts.mismatch(dump(4)));
  }
}
