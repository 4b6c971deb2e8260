package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.PropertyTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The XML scanner under the pool reader: what XML allows is read as the JDK's StAX parser reads it
 * (a differential test on generated and mutated pools), input split anywhere reads the same, and
 * what is not well-formed is refused with a message, line and column.
 */
class XmlScannerTest {
  private static final String SB =
      "<superblock uuid=\"u\" time=\"7\" transaction=\"9\" data_block_size=\"128\""
          + " nr_data_blocks=\"100\">\n";

  private static List<String> events(InputStream in) throws IOException {
    Recorder r = new Recorder();
    PoolXmlReader.read(in, "pool.xml", r);
    return r.events;
  }

  private static List<String> events(byte[] xml) throws IOException {
    return events(new ByteArrayInputStream(xml));
  }

  private static List<String> events(String xml) throws IOException {
    return events(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static PoolXmlException error(String xml) {
    return assertThrows(PoolXmlException.class, () -> events(xml));
  }

  /** A stream that hands out the input in pieces of 1 to {@code max} bytes. */
  private static InputStream chunked(byte[] b, SplittableRandom r, int max) {
    return new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] dst, int off, int len) {
        return super.read(dst, off, Math.min(len, 1 + r.nextInt(max)));
      }
    };
  }

  @Test
  void readsEveryConstructXmlAllows() throws IOException {
    String xml =
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes'?>\r\n"
            + "<!-- comment - with a dash --><?pi some data?>\n"
            + "<superblock uuid = 'a&amp;b&lt;&gt;&apos;&quot;&#x41;&#66;\t\u00e9\u20ac\uD83D\uDE00'"
            + " time=\"7\"\ttransaction=\"9\" data_block_size=\"128\"\r\n nr_data_blocks=\"100\" >"
            + "<![CDATA[ \n ]]>&#32;<!---->\r\n"
            + "  <device dev_id=\"5\" mapped_blocks=\"0\" transaction=\"3\" creation_time=\"1\""
            + " snap_time=\"2\"><single_mapping origin_block=\"1\" data_block=\"2\" time=\"3\" />"
            + "</device ></superblock>\n<!-- after --> \n";
    assertEquals(
        List.of(
            "XmlSuperblock[uuid=a&b<>'\"AB \u00e9\u20ac\uD83D\uDE00, time=7, transaction=9,"
                + " flags=0, version=1, dataBlockSize=128, nrDataBlocks=100, metadataSnap=0]",
            "XmlDevice[devId=5, mappedBlocks=0, transaction=3, creationTime=1, snapTime=2]",
            "map 1 2 1 3",
            "end device",
            "end superblock"),
        events(xml));
  }

  /** Pools as thin_dump writes them, read by us and by StAX, then split anywhere. */
  @PropertyTest(seeds = 30)
  void readsWhatStaxReadsHoweverTheInputIsSplit(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] xml = decorate(PoolSpecs.sorted(300).next(r).inputXml(r.nextBoolean()), r);
    List<String> ours = events(xml);
    assertEquals(staxEvents(xml), ours);
    assertEquals(ours, events(chunked(xml, r, 1 + r.nextInt(40))));
  }

  /**
   * Comments, processing instructions, CR LF line ends, tabs and single quotes sprinkled over a
   * pool's XML: things a hand-written file may hold.
   */
  private static byte[] decorate(String xml, SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    for (String line : xml.split("\n", -1)) {
      if (r.nextInt(5) == 0) {
        sb.append("<!-- ").append(r.nextInt()).append(" -->");
      }
      if (r.nextInt(9) == 0) {
        sb.append("<?note ").append(r.nextInt()).append("?>");
      }
      sb.append(r.nextInt(4) == 0 ? line.replace("\" ", "\"\t").replace("=\"", " = \"") : line);
      sb.append(r.nextInt(3) == 0 ? "\r\n" : "\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Random damage to a pool's XML: whenever StAX finds it malformed, so do we, unless a rule of
   * pool XML stopped us earlier; whenever StAX reads it, we read the same events or refuse with
   * such a rule (StAX knows nothing of them), never as malformed.
   */
  @PropertyTest(seeds = 500)
  void damagedXmlIsMalformedWhenStaxSaysSo(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] xml = PoolSpecs.sorted(20).next(r).inputXml(true).getBytes(StandardCharsets.UTF_8);
    for (int i = 1 + r.nextInt(3); i > 0 && xml.length > 0; i--) {
      xml = damage(xml, r);
    }
    List<String> stax;
    try {
      stax = staxEvents(xml);
    } catch (XMLStreamException e) {
      // We stop at the first problem, malformed or against the rules, which may come earlier.
      byte[] damaged = xml;
      PoolXmlException ours = assertThrows(PoolXmlException.class, () -> events(damaged));
      int staxLine = e.getLocation().getLineNumber();
      assertTrue(
          ours.getMessage().contains("malformed XML") || ours.line() <= staxLine,
          () -> ours.getMessage() + " / StAX, line " + staxLine + ": " + e.getMessage());
      return;
    } catch (PoolXmlException e) {
      stax = null; // well-formed, but against the rules of pool XML
    }
    try {
      assertEquals(stax, events(xml));
    } catch (PoolXmlException e) {
      assertTrue(!e.getMessage().contains("malformed XML"), e::getMessage);
    }
  }

  private static byte[] damage(byte[] xml, SplittableRandom r) {
    int at = r.nextInt(xml.length);
    byte[] junk = {'<', '>', '/', '"', '\'', '&', '=', ' ', '-', '!', '?', 'a', 0, (byte) 0xC3};
    return switch (r.nextInt(3)) {
      case 0 -> { // delete a byte
        byte[] out = new byte[xml.length - 1];
        System.arraycopy(xml, 0, out, 0, at);
        System.arraycopy(xml, at + 1, out, at, xml.length - at - 1);
        yield out;
      }
      case 1 -> { // insert a byte
        byte[] out = new byte[xml.length + 1];
        System.arraycopy(xml, 0, out, 0, at);
        out[at] = junk[r.nextInt(junk.length)];
        System.arraycopy(xml, at, out, at + 1, xml.length - at);
        yield out;
      }
      default -> { // replace a byte
        byte[] out = xml.clone();
        out[at] = junk[r.nextInt(junk.length)];
        yield out;
      }
    };
  }

  /** The pool events StAX finds, through the same rules (a minimal reader over StAX). */
  private static List<String> staxEvents(byte[] xml) throws XMLStreamException, IOException {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    XMLStreamReader x = f.createXMLStreamReader(new ByteArrayInputStream(xml));
    // Well-formedness first: StAX reports some errors only when it reaches them.
    List<String> elements = new ArrayList<>();
    while (x.hasNext()) {
      if (x.next() == XMLStreamReader.START_ELEMENT) {
        StringBuilder e = new StringBuilder(x.getLocalName());
        for (int i = 0; i < x.getAttributeCount(); i++) {
          // Separators that XML cannot hold.
          e.append('\0')
              .append(x.getAttributeLocalName(i))
              .append('\1')
              .append(x.getAttributeValue(i));
        }
        elements.add(e.toString());
      }
    }
    // Then our reader's view of the same document, rebuilt canonically: it must agree.
    return events(canonical(elements));
  }

  private static String canonical(List<String> elements) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (String e : elements) {
      String[] parts = e.split("\0");
      if (parts[0].equals("device") && depth == 2) {
        sb.append("</device>");
        depth = 1;
      }
      sb.append('<').append(parts[0]);
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('\1');
        sb.append(' ')
            .append(parts[i], 0, eq)
            .append("=\"")
            .append(PoolSpec.escape(parts[i].substring(eq + 1)))
            .append('"');
      }
      boolean leaf = parts[0].endsWith("_mapping");
      sb.append(leaf ? "/>" : ">");
      depth = leaf ? depth : depth + 1;
    }
    for (; depth > 0; depth--) {
      sb.append(depth == 2 ? "</device>" : "</superblock>");
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          mismatched end tag | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1"></device> | <superblock> must end with </superblock>, not </device>
          end tag of nothing | </superblock> | the end tag </superblock> closes no element
          duplicate attribute | <superblock uuid="" uuid=""/> | <superblock> has the attribute uuid twice
          unquoted value | <superblock uuid=1/> | the value of uuid must be quoted
          lt in a value | <superblock uuid="<"/> | "<" inside the value of uuid
          no space between attributes | <superblock uuid=""time="1"/> | attributes of <superblock> must be separated by whitespace
          undeclared entity | <superblock uuid="&nbsp;"/> | the entity &nbsp; is not declared
          illegal character reference | <superblock uuid="&#0;"/> | a character reference to an illegal character
          unterminated reference | <superblock uuid="&amp"/> | ";" expected
          control character | <superblock uuid="\u0001"/> | the character U+0001 is not allowed
          double dash in a comment | <!-- a -- b --><superblock/> | "--" inside a comment
          late XML declaration | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1"><?xml version="1.0"?></superblock> | an XML declaration is allowed only at the very start
          other encoding | <?xml version="1.0" encoding="UTF-16"?><superblock/> | encoding "UTF-16" is not supported
          no version | <?xml encoding="UTF-8"?><superblock/> | the XML declaration needs version="1.x"
          odd declaration attribute | <?xml version="1.0" colour="red"?><superblock/> | the XML declaration has an unknown attribute colour
          odd standalone | <?xml version="1.0" standalone="maybe"?><superblock/> | standalone must be "yes" or "no"
          second root | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1"></superblock><superblock/> | a second root element
          input ends in a tag | <superblock uuid="" | ">" expected but the input ends
          input ends in a value | <superblock uuid="ab | the input ends inside the value of uuid
          input ends in an element | <superblock uuid="" time="1" transaction="1" data_block_size="1" nr_data_blocks="1"> | the input ends inside <superblock>
          input ends in a comment | <!-- | the input ends early
          name starts with a digit | <1superblock/> | a name was expected here
          unknown markup | <!ELEMENT superblock ANY> | "<!" starts neither a comment
          CDATA outside the root | <![CDATA[x]]><superblock/> | a CDATA section outside the root element
          no root | <!-- nothing --> | no root element
          text before the root | x<superblock/> | text outside the root element
          """)
  void refusesWhatIsNotWellFormed(String name, String xml, String message) {
    PoolXmlException e = error(xml);
    assertTrue(e.getMessage().startsWith("pool.xml:1:"), e::getMessage);
    assertTrue(e.getMessage().contains(": malformed XML: "), e::getMessage);
    assertTrue(e.getMessage().contains(message), () -> "wanted «" + message + "» in «" + e + "»");
  }

  @Test
  void refusesInvalidUtf8() {
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xFF},
          {(byte) 0xC0, (byte) 0x80},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          {(byte) 0xE2, (byte) 0x28},
          {(byte) 0xEF, (byte) 0xBB, 0x41}
        }) {
      byte[] xml = ("<superblock uuid=\"" + "x".repeat(3)).getBytes(StandardCharsets.US_ASCII);
      byte[] all = new byte[xml.length + bad.length + 3];
      System.arraycopy(xml, 0, all, 0, xml.length);
      System.arraycopy(bad, 0, all, xml.length, bad.length);
      System.arraycopy(
          "\"/>".getBytes(StandardCharsets.US_ASCII), 0, all, xml.length + bad.length, 3);
      PoolXmlException e = assertThrows(PoolXmlException.class, () -> events(all));
      assertTrue(e.getMessage().contains("malformed XML: invalid UTF-8"), e::getMessage);
    }
    PoolXmlException bom =
        assertThrows(
            PoolXmlException.class,
            () -> events(new byte[] {(byte) 0xEF, (byte) 0xBB, 0x41, '<', 'a', '/', '>'}));
    assertTrue(bom.getMessage().contains("byte order mark"), bom::getMessage);
  }

  /** Whatever the input, the scanner holds a bounded amount of it. */
  @Test
  void refusesOversizedTokens() {
    PoolXmlException value =
        error("<superblock uuid=\"" + "x".repeat(XmlScanner.MAX_VALUE_CHARS + 1) + "\"/>");
    assertTrue(value.getMessage().contains("longer than " + XmlScanner.MAX_VALUE_CHARS));
    PoolXmlException slowValue =
        error("<superblock uuid=\"&amp;" + "x".repeat(XmlScanner.MAX_VALUE_CHARS) + "\"/>");
    assertTrue(slowValue.getMessage().contains("longer than " + XmlScanner.MAX_VALUE_CHARS));
    PoolXmlException name = error("<" + "n".repeat(XmlScanner.MAX_NAME_BYTES + 2) + "/>");
    assertTrue(name.getMessage().contains("a name longer than"), name::getMessage);
    StringBuilder many = new StringBuilder("<superblock");
    for (int i = 0; i <= XmlScanner.MAX_ATTRIBUTES; i++) {
      many.append(" a").append(i).append("=\"\"");
    }
    PoolXmlException attributes = error(many + "/>");
    assertTrue(attributes.getMessage().contains("more than " + XmlScanner.MAX_ATTRIBUTES));
  }

  @Test
  void refusesDeepNesting() throws IOException {
    String xml = "<a>".repeat(XmlScanner.MAX_DEPTH + 1);
    XmlScanner s = new XmlScanner(new ByteArrayInputStream(xml.getBytes()), "deep.xml");
    for (int i = 0; i < XmlScanner.MAX_DEPTH; i++) {
      assertEquals(XmlScanner.Event.START_ELEMENT, s.next());
    }
    PoolXmlException e = assertThrows(PoolXmlException.class, s::next);
    assertTrue(e.getMessage().contains("nested more than"), e::getMessage);
  }

  @Test
  void longTextKeepsOnlyItsStart() throws IOException {
    String xml = "<superblock>" + " ".repeat(100_000) + "x".repeat(100_000) + "</superblock>";
    XmlScanner s = new XmlScanner(new ByteArrayInputStream(xml.getBytes()), "text.xml");
    assertEquals(XmlScanner.Event.START_ELEMENT, s.next());
    assertEquals(XmlScanner.Event.TEXT, s.next());
    assertEquals(false, s.isWhiteSpace());
    assertEquals(XmlScanner.TEXT_KEPT, s.text().length());
  }

  @Test
  void linesAndColumnsCountCharactersAfterAnyLineEnd() {
    PoolXmlException e = error(SB.replace("\n", "\r\n") + "\r<!--\u00e9\u00e9--><pool/>");
    assertEquals(
        "pool.xml:3:17: unexpected element <pool> in <superblock>: expected <device>",
        e.getMessage());
  }
}
