package io.powercut.thin.xml;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The strict XML underneath {@link PoolXmlReader}'s grammar: errors that name the file, line and
 * column, unsigned decimals checked against their on-disk field, and the rules of form (no text, no
 * DOCTYPE, no unknown element or attribute, empty mapping elements).
 */
final class XmlInput {
  private static final long U64 = -1L;

  private final XMLStreamReader xml;
  private final String source;

  XmlInput(XMLStreamReader xml, String source) {
    this.xml = xml;
    this.source = source;
  }

  /** The XML parser's own error (malformed XML), at the position it names. */
  static PoolXmlException syntax(String source, XMLStreamException e) {
    Location l = e.getLocation();
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("Message: ");
    if (i >= 0) {
      m = m.substring(i + "Message: ".length());
    }
    m = m.replaceAll("\\s+", " ").strip();
    return new PoolXmlException(
        source,
        l == null ? 0 : l.getLineNumber(),
        l == null ? 0 : l.getColumnNumber(),
        "malformed XML: " + m);
  }

  /** The one attribute, {@code name}, of a {@code <def>} or {@code <ref>}. */
  String nameAttribute(String el) throws PoolXmlException {
    String name = null;
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      if (!xml.getAttributeLocalName(i).equals("name")) {
        throw unknownAttribute(el, xml.getAttributeLocalName(i));
      }
      name = xml.getAttributeValue(i);
    }
    require(el, "name", name != null);
    return name;
  }

  /** After a mapping's start tag: only whitespace, comments and its end tag may follow. */
  void endOfEmptyElement(String name) throws XMLStreamException, PoolXmlException {
    while (true) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        return;
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        throw unknownElement(name, "no child element");
      }
      other(event, name);
    }
  }

  /** Events other than elements: whitespace and comments are fine, the rest is not. */
  void other(int event, String parent) throws PoolXmlException {
    switch (event) {
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
        if (!xml.isWhiteSpace()) {
          String t = xml.getText().strip();
          if (t.length() > 20) {
            t = t.substring(0, 20) + "...";
          }
          throw error(
              "unexpected text \"" + t + "\"" + (parent == null ? "" : " in <" + parent + ">"));
        }
      }
      case XMLStreamConstants.COMMENT,
          XMLStreamConstants.PROCESSING_INSTRUCTION,
          XMLStreamConstants.START_DOCUMENT,
          XMLStreamConstants.END_DOCUMENT -> {}
      case XMLStreamConstants.DTD -> throw error("a DOCTYPE is not allowed in pool XML");
      default -> throw error("unexpected XML content (event " + event + ")");
    }
  }

  void expect(String name, String parent, String expected) throws PoolXmlException {
    if (!xml.getLocalName().equals(name)) {
      throw unknownElement(parent, expected);
    }
  }

  PoolXmlException unknownElement(String parent, String expected) {
    return error(
        "unexpected element <"
            + xml.getLocalName()
            + ">"
            + (parent == null ? " at the top" : " in <" + parent + ">")
            + ": expected "
            + expected);
  }

  PoolXmlException unknownAttribute(String el, String name) {
    return error("<" + el + "> has an unknown attribute " + name);
  }

  void require(String el, String name, boolean present) throws PoolXmlException {
    if (!present) {
      throw error("<" + el + "> is missing the attribute " + name);
    }
  }

  /**
   * Parses an unsigned decimal no larger than {@code max} (compared unsigned): digits only, no
   * sign, no spaces.
   */
  long number(String el, String name, String value, long max, String expected)
      throws PoolXmlException {
    int n = value.length();
    if (n == 0 || n > 20) {
      throw badValue(el, name, value, expected);
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      int d = value.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw badValue(el, name, value, expected);
      }
      // Overflow of the unsigned 64-bit value: v * 10 + d > 2^64 - 1. Impossible in the first 19
      // digits (below 10^19 < 2^64), which spares the common case a division per digit.
      if (i >= 19 && Long.compareUnsigned(v, Long.divideUnsigned(U64 - d, 10)) > 0) {
        throw badValue(el, name, value, expected);
      }
      v = v * 10 + d;
    }
    if (Long.compareUnsigned(v, max) > 0) {
      throw badValue(el, name, value, expected);
    }
    return v;
  }

  PoolXmlException badValue(String el, String name, String value, String expected) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return error("<" + el + "> " + name + "=\"" + shown + "\": expected " + expected);
  }

  PoolXmlException error(String message) {
    Location l = xml.getLocation();
    return new PoolXmlException(source, l.getLineNumber(), l.getColumnNumber(), message);
  }
}
