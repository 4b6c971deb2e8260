package io.powercut.thin.xml;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.powercut.thin.BlockTime;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the thin_dump / thin_restore XML (a {@code <superblock>} holding {@code <device>}s
 * holding {@code <single_mapping>}s and {@code <range_mapping>}s) into a {@link PoolXmlHandler},
 * one event per element, without building the pool in memory.
 *
 * <p>It accepts what thin_restore 0.9.0 accepts (optional {@code flags} and {@code version}
 * defaulting to 0 and 1; mappings in any order; a later mapping of the same block replacing an
 * earlier one; a {@code uuid} longer than 16 bytes, which the image truncates), except what would
 * make a corrupt or misleading image, which thin_restore writes silently: a mapping time that does
 * not fit 24 bits, a number too large for its on-disk field, a {@code version} other than 1 or 2, a
 * zero {@code data_block_size}, and a {@code metadata_snap} (there is no snapshot to point at). It
 * is also stricter about form: unknown elements and attributes, text, and a DOCTYPE are errors.
 * thin_dump 1.1's shared definitions ({@code <def name="N">} before the devices, {@code <ref
 * name="N"/>} in them) are read too: each reference stands for the definition's mappings, in place.
 * Every error is a {@link PoolXmlException} naming the place, element and attribute.
 */
public final class PoolXmlReader {
  private static final long U32 = 0xFFFF_FFFFL;
  private static final long U64 = -1L;

  /** data_block values are 40 bits wide in a mapping. */
  static final long MAX_NR_DATA_BLOCKS = BlockTime.MAX_DATA_BLOCK + 1;

  private final XMLStreamReader xml;
  private final XmlInput input;
  private final PoolXmlHandler handler;

  /** Line of each device id seen, to name the first one when a duplicate appears. */
  private final Map<Long, Integer> deviceLines = new HashMap<>();

  /** thin_dump 1.1's shared definitions, replayed where a device refers to them. */
  private final XmlDefs defs = new XmlDefs();

  private long nrDataBlocks;

  private PoolXmlReader(XMLStreamReader xml, String source, PoolXmlHandler handler) {
    this.xml = xml;
    this.input = new XmlInput(xml, source);
    this.handler = handler;
  }

  /**
   * Reads the whole document from {@code in} (named {@code source} in errors) into {@code handler}.
   */
  public static void read(InputStream in, String source, PoolXmlHandler handler)
      throws IOException {
    // Aalto, not the JDK's parser: the same StAX, read about 2.5 times as fast.
    XMLInputFactory f = new InputFactoryImpl();
    // No DTDs, hence no entity expansion: a hostile file cannot make us read other files or blow
    // up.
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    XMLStreamReader xml;
    try {
      xml = f.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw XmlInput.syntax(source, e);
    }
    try {
      new PoolXmlReader(xml, source, handler).document();
    } catch (XMLStreamException e) {
      throw XmlInput.syntax(source, e);
    } finally {
      try {
        xml.close();
      } catch (XMLStreamException e) {
        // Closing a reader that already failed; the first error is the one to report.
      }
    }
  }

  // Element nesting: document > superblock > (def | device) > (single_mapping | range_mapping),
  // and device > ref (thin_dump 1.1's shared definitions).

  private void document() throws XMLStreamException, IOException {
    boolean seenRoot = false;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        // The parser itself rejects a second root element.
        input.expect("superblock", null, "<superblock>");
        superblock();
        seenRoot = true;
      } else {
        input.other(event, null);
      }
    }
    if (!seenRoot) {
      throw input.error("no <superblock> element");
    }
  }

  private void superblock() throws XMLStreamException, IOException {
    String uuid = null;
    long time = -1;
    long transaction = 0;
    boolean hasTransaction = false;
    long flags = 0;
    long version = 1;
    long dataBlockSize = -1;
    long nrData = -1;
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      String name = xml.getAttributeLocalName(i);
      String value = xml.getAttributeValue(i);
      switch (name) {
        case "uuid" -> uuid = value;
        case "time" ->
            time = input.number("superblock", name, value, U32, "an unsigned 32-bit integer");
        case "transaction" -> {
          transaction = input.number("superblock", name, value, U64, "an unsigned 64-bit integer");
          hasTransaction = true;
        }
        case "flags" ->
            flags = input.number("superblock", name, value, U32, "an unsigned 32-bit integer");
        case "version" -> {
          version = input.number("superblock", name, value, U32, "1 or 2");
          if (version != 1 && version != 2) {
            throw input.badValue("superblock", name, value, "1 or 2");
          }
        }
        case "data_block_size" -> {
          dataBlockSize =
              input.number("superblock", name, value, U32, "an unsigned 32-bit integer above 0");
          if (dataBlockSize == 0) {
            throw input.badValue("superblock", name, value, "an unsigned 32-bit integer above 0");
          }
        }
        case "nr_data_blocks" ->
            nrData =
                input.number(
                    "superblock",
                    name,
                    value,
                    MAX_NR_DATA_BLOCKS,
                    "at most " + MAX_NR_DATA_BLOCKS + " (data block numbers are 40-bit)");
        case "metadata_snap" -> {
          if (input.number("superblock", name, value, U64, "an unsigned 64-bit integer") != 0) {
            throw input.error(
                "<superblock> metadata_snap=\""
                    + value
                    + "\": a restored image has no metadata snapshot to point at; remove the"
                    + " attribute");
          }
        }
        default -> throw input.unknownAttribute("superblock", name);
      }
    }
    input.require("superblock", "uuid", uuid != null);
    input.require("superblock", "time", time >= 0);
    input.require("superblock", "transaction", hasTransaction);
    input.require("superblock", "data_block_size", dataBlockSize >= 0);
    input.require("superblock", "nr_data_blocks", nrData >= 0);
    nrDataBlocks = nrData;
    handler.beginSuperblock(
        new XmlSuperblock(uuid, time, transaction, flags, version, dataBlockSize, nrData, 0));
    while (true) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        handler.endSuperblock();
        return;
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (xml.getLocalName().equals("def")) {
          def();
        } else {
          input.expect("device", "superblock", "<device> or <def>");
          device();
        }
      } else {
        input.other(event, "superblock");
      }
    }
  }

  /** thin_dump 1.1's shared mappings: {@code <def name="N">} with mappings, named by refs. */
  private void def() throws XMLStreamException, IOException {
    String name = input.nameAttribute("def");
    if (defs.defined(name)) {
      throw input.error("<def> name=\"" + name + "\" is defined twice");
    }
    defs.begin(name);
    mappings("def");
    defs.end();
  }

  private void device() throws XMLStreamException, IOException {
    long devId = -1;
    long mapped = 0;
    boolean hasMapped = false;
    long transaction = 0;
    boolean hasTransaction = false;
    long creation = -1;
    long snap = -1;
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      String name = xml.getAttributeLocalName(i);
      String value = xml.getAttributeValue(i);
      switch (name) {
        case "dev_id" ->
            devId = input.number("device", name, value, U32, "an unsigned 32-bit integer");
        case "mapped_blocks" -> {
          // Recomputed from the mappings, as thin_restore does; only its form is checked.
          mapped = input.number("device", name, value, U64, "an unsigned 64-bit integer");
          hasMapped = true;
        }
        case "transaction" -> {
          transaction = input.number("device", name, value, U64, "an unsigned 64-bit integer");
          hasTransaction = true;
        }
        case "creation_time" ->
            creation = input.number("device", name, value, U32, "an unsigned 32-bit integer");
        case "snap_time" ->
            snap = input.number("device", name, value, U32, "an unsigned 32-bit integer");
        default -> throw input.unknownAttribute("device", name);
      }
    }
    input.require("device", "dev_id", devId >= 0);
    input.require("device", "mapped_blocks", hasMapped);
    input.require("device", "transaction", hasTransaction);
    input.require("device", "creation_time", creation >= 0);
    input.require("device", "snap_time", snap >= 0);
    Integer first = deviceLines.putIfAbsent(devId, xml.getLocation().getLineNumber());
    if (first != null) {
      throw input.error(
          "<device> dev_id=\"" + devId + "\" appears twice (first on line " + first + ")");
    }
    handler.beginDevice(new XmlDevice(devId, mapped, transaction, creation, snap));
    mappings("device");
    handler.endDevice();
  }

  /** The mappings (and, in a device, the refs) up to the end of {@code parent}. */
  private void mappings(String parent) throws XMLStreamException, IOException {
    while (true) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        return;
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = xml.getLocalName();
        if (name.equals("single_mapping")) {
          singleMapping();
        } else if (name.equals("range_mapping")) {
          rangeMapping();
        } else if (name.equals("ref") && parent.equals("device")) {
          String def = input.nameAttribute("ref");
          if (!defs.replay(def, handler)) {
            throw input.error("<ref> name=\"" + def + "\" names no <def> before it");
          }
        } else {
          throw input.unknownElement(
              parent,
              parent.equals("device")
                  ? "<single_mapping>, <range_mapping> or <ref>"
                  : "<single_mapping> or <range_mapping>");
        }
        input.endOfEmptyElement(name);
      } else {
        input.other(event, parent);
      }
    }
  }

  private void emit(long origin, long data, long length, long time) throws IOException {
    if (defs.recording()) {
      defs.add(origin, data, length, time);
    } else {
      handler.mapping(origin, data, length, time);
    }
  }

  private void singleMapping() throws XMLStreamException, IOException {
    String el = "single_mapping";
    long origin = -1;
    boolean hasOrigin = false;
    long data = -1;
    long time = -1;
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      String name = xml.getAttributeLocalName(i);
      String value = xml.getAttributeValue(i);
      switch (name) {
        case "origin_block" -> {
          origin = input.number(el, name, value, U64, "an unsigned 64-bit integer");
          hasOrigin = true;
        }
        case "data_block" -> data = dataBlock(el, name, value);
        case "time" -> time = mappingTime(el, value);
        default -> throw input.unknownAttribute(el, name);
      }
    }
    input.require(el, "origin_block", hasOrigin);
    input.require(el, "data_block", data >= 0);
    input.require(el, "time", time >= 0);
    if (data >= nrDataBlocks) {
      throw input.error(
          "<single_mapping> data_block=\""
              + data
              + "\" is beyond the data device: expected < nr_data_blocks "
              + nrDataBlocks);
    }
    emit(origin, data, 1, time);
  }

  private void rangeMapping() throws XMLStreamException, IOException {
    String el = "range_mapping";
    long origin = -1;
    boolean hasOrigin = false;
    long data = -1;
    long length = -1;
    boolean hasLength = false;
    long time = -1;
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      String name = xml.getAttributeLocalName(i);
      String value = xml.getAttributeValue(i);
      switch (name) {
        case "origin_begin" -> {
          origin = input.number(el, name, value, U64, "an unsigned 64-bit integer");
          hasOrigin = true;
        }
        case "data_begin" -> data = dataBlock(el, name, value);
        case "length" -> {
          length = input.number(el, name, value, U64, "an unsigned 64-bit integer");
          hasLength = true;
        }
        case "time" -> time = mappingTime(el, value);
        default -> throw input.unknownAttribute(el, name);
      }
    }
    input.require(el, "origin_begin", hasOrigin);
    input.require(el, "data_begin", data >= 0);
    input.require(el, "length", hasLength);
    input.require(el, "time", time >= 0);
    if (length == 0) {
      return; // thin_restore maps nothing for an empty range; so do we.
    }
    if (Long.compareUnsigned(length, nrDataBlocks - data) > 0) {
      throw input.error(
          "<range_mapping> data_begin=\""
              + data
              + "\" length=\""
              + Long.toUnsignedString(length)
              + "\" runs beyond the data device: expected data_begin + length <= nr_data_blocks "
              + nrDataBlocks);
    }
    if (Long.compareUnsigned(length - 1, U64 - origin) > 0) {
      throw input.error(
          "<range_mapping> origin_begin=\""
              + Long.toUnsignedString(origin)
              + "\" length=\""
              + length
              + "\" runs past the largest virtual block 2^64-1");
    }
    emit(origin, data, length, time);
  }

  private long dataBlock(String el, String name, String value) throws PoolXmlException {
    return input.number(
        el, name, value, BlockTime.MAX_DATA_BLOCK, "an unsigned integer below 2^40 (40-bit field)");
  }

  private long mappingTime(String el, String value) throws PoolXmlException {
    return input.number(
        el,
        "time",
        value,
        BlockTime.TIME_MASK,
        "at most " + BlockTime.TIME_MASK + " (mapping times are 24-bit)");
  }
}
