package io.powercut.thin.xml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull parser for the XML that pool files are written in, several times faster than the JDK's
 * StAX parser, which took most of a restore's time. It reads UTF-8 (or ASCII) with an optional byte
 * order mark and XML declaration, and knows elements and attributes, the five predefined entity
 * references and character references, comments, processing instructions, CDATA sections and
 * whitespace. A DOCTYPE is reported as soon as it starts, without being read: pool XML allows none,
 * so there are no other entities. It checks well-formedness: names, quoting, unique attributes,
 * nesting and matching end tags, one root element, characters legal in XML, valid UTF-8. An error
 * is a {@link PoolXmlException} "malformed XML: ..." at the line and column where reading stopped
 * (the column counts characters; after a start tag it is the one past its {@code >}).
 *
 * <p>Memory is bounded whatever the input: a name holds at most {@value #MAX_NAME_BYTES} bytes, an
 * attribute value {@value #MAX_VALUE_CHARS} characters, a tag {@value #MAX_ATTRIBUTES} attributes,
 * nesting {@value #MAX_DEPTH} elements, and of a text only its first {@value #TEXT_KEPT} characters
 * are kept (for error messages).
 */
final class XmlScanner {
  /** What {@link #next} found. */
  enum Event {
    START_ELEMENT,
    END_ELEMENT,
    /** Character data, including CDATA sections; see {@link #isWhiteSpace} and {@link #text}. */
    TEXT,
    DOCTYPE,
    END_DOCUMENT
  }

  static final int MAX_VALUE_CHARS = 1 << 16;
  static final int MAX_NAME_BYTES = XmlInput.MAX_NAME_BYTES;
  static final int MAX_ATTRIBUTES = 64;
  static final int MAX_DEPTH = 64;
  static final int TEXT_KEPT = 64;

  private final XmlInput in;
  private final List<String> open = new ArrayList<>();
  private boolean rootSeen;
  private boolean emptyElementOpen;
  private boolean started;

  private String name;
  private final String[] attrNames = new String[MAX_ATTRIBUTES];
  private final String[] attrValues = new String[MAX_ATTRIBUTES];
  private int attrCount;
  private final StringBuilder text = new StringBuilder();
  private boolean whitespace;
  private final StringBuilder scratch = new StringBuilder();

  XmlScanner(InputStream in, String source) {
    this.in = new XmlInput(in, source);
  }

  /** Reads up to the next event, passing over comments and processing instructions. */
  Event next() throws IOException {
    if (!started) {
      started = true;
      prolog();
    }
    // Bounded: each round consumes a comment or processing instruction of the input.
    while (true) {
      Event e = nextOrIgnorable();
      if (e != null) {
        return e;
      }
    }
  }

  /** The next event, or null after a comment or processing instruction. */
  private Event nextOrIgnorable() throws IOException {
    if (emptyElementOpen) {
      emptyElementOpen = false;
      close();
      return Event.END_ELEMENT;
    }
    int c = in.peek();
    if (c < 0) {
      if (!open.isEmpty()) {
        throw malformed("the input ends inside <" + open.get(open.size() - 1) + ">");
      }
      if (!rootSeen) {
        throw malformed("no root element");
      }
      return Event.END_DOCUMENT;
    }
    if (c != '<') {
      readText();
      return Event.TEXT;
    }
    in.consume();
    c = in.peek();
    if (c == '/') {
      in.consume();
      endTag();
      return Event.END_ELEMENT;
    }
    if (c == '?') {
      in.consume();
      processingInstruction();
      return null;
    }
    if (c == '!') {
      in.consume();
      return markup();
    }
    startTag();
    return Event.START_ELEMENT;
  }

  /** The element's name, after START_ELEMENT or END_ELEMENT. */
  String localName() {
    return name;
  }

  int attributeCount() {
    return attrCount;
  }

  String attributeName(int i) {
    return attrNames[i];
  }

  String attributeValue(int i) {
    return attrValues[i];
  }

  /** Whether the TEXT just read is all whitespace. */
  boolean isWhiteSpace() {
    return whitespace;
  }

  /** The start of the TEXT just read (at most {@value #TEXT_KEPT} characters). */
  String text() {
    return text.toString();
  }

  int line() {
    return in.line();
  }

  int column() {
    return in.column();
  }

  // ---- structure -------------------------------------------------------------------------------

  /** A byte order mark, then an XML declaration if there is one. */
  private void prolog() throws IOException {
    in.skipByteOrderMark();
    if (in.startsWith("<?xml") && XmlInput.isSpace(in.peekAt(5))) {
      in.skip(5);
      xmlDeclaration();
    }
  }

  private void xmlDeclaration() throws IOException {
    attributes("?xml");
    expect('?');
    expect('>');
    String version = null;
    for (int i = 0; i < attrCount; i++) {
      String v = attrValues[i];
      switch (attrNames[i]) {
        case "version" -> version = v;
        case "encoding" -> {
          String e = v.toUpperCase(java.util.Locale.ROOT);
          if (!e.equals("UTF-8") && !e.equals("UTF8") && !e.equals("US-ASCII")) {
            throw malformed("encoding \"" + v + "\" is not supported: pool XML is UTF-8");
          }
        }
        case "standalone" -> {
          if (!v.equals("yes") && !v.equals("no")) {
            throw malformed("standalone must be \"yes\" or \"no\", not \"" + v + "\"");
          }
        }
        default -> throw malformed("the XML declaration has an unknown attribute " + attrNames[i]);
      }
    }
    if (version == null || !version.startsWith("1.")) {
      throw malformed("the XML declaration needs version=\"1.x\"");
    }
  }

  private void startTag() throws IOException {
    if (rootSeen && open.isEmpty()) {
      throw malformed("a second root element");
    }
    if (open.size() == MAX_DEPTH) {
      throw malformed("elements nested more than " + MAX_DEPTH + " deep");
    }
    name = in.name();
    attributes(name);
    if (in.peek() == '/') {
      in.consume();
      emptyElementOpen = true;
    }
    expect('>');
    open.add(name);
    rootSeen = true;
  }

  /** Attributes up to (not including) the end of a tag. */
  private void attributes(String element) throws IOException {
    attrCount = 0;
    while (true) {
      boolean spaced = in.skipSpaces();
      int c = in.peek();
      if (c == '>' || c == '/' || c == '?' || c < 0) {
        return;
      }
      if (!spaced) {
        throw malformed("attributes of <" + element + "> must be separated by whitespace");
      }
      if (attrCount == MAX_ATTRIBUTES) {
        throw malformed("<" + element + "> has more than " + MAX_ATTRIBUTES + " attributes");
      }
      String attr = in.name();
      for (int i = 0; i < attrCount; i++) {
        if (attrNames[i].equals(attr)) {
          throw malformed("<" + element + "> has the attribute " + attr + " twice");
        }
      }
      in.skipSpaces();
      expect('=');
      in.skipSpaces();
      attrNames[attrCount] = attr;
      attrValues[attrCount] = attributeValue(attr);
      attrCount++;
    }
  }

  private void endTag() throws IOException {
    name = in.name();
    in.skipSpaces();
    expect('>');
    if (open.isEmpty()) {
      throw malformed("the end tag </" + name + "> closes no element");
    }
    String expected = open.get(open.size() - 1);
    if (!expected.equals(name)) {
      throw malformed("<" + expected + "> must end with </" + expected + ">, not </" + name + ">");
    }
    close();
  }

  private void close() {
    name = open.remove(open.size() - 1);
  }

  /** After {@code <!}: a comment (null), a CDATA section or a DOCTYPE. */
  private Event markup() throws IOException {
    if (in.startsWith("--")) {
      in.skip(2);
      comment();
      return null;
    }
    if (in.startsWith("[CDATA[")) {
      if (open.isEmpty()) {
        throw malformed("a CDATA section outside the root element");
      }
      in.skip(7);
      cdata();
      return Event.TEXT;
    }
    if (in.startsWith("DOCTYPE")) {
      return Event.DOCTYPE;
    }
    throw malformed("\"<!\" starts neither a comment, a CDATA section nor a DOCTYPE");
  }

  private void comment() throws IOException {
    while (true) {
      int c = in.character();
      if (c == '-' && in.peek() == '-') {
        in.consume();
        if (in.peek() != '>') {
          throw malformed("\"--\" inside a comment");
        }
        in.consume();
        return;
      }
    }
  }

  private void cdata() throws IOException {
    startText();
    while (!in.startsWith("]]>")) {
      keep(in.character());
    }
    in.skip(3);
  }

  private void processingInstruction() throws IOException {
    String target = in.name();
    if (target.equalsIgnoreCase("xml")) {
      throw malformed("an XML declaration is allowed only at the very start");
    }
    while (true) {
      int c = in.character();
      if (c == '?' && in.peek() == '>') {
        in.consume();
        return;
      }
    }
  }

  private void readText() throws IOException {
    startText();
    // Whitespace is all text should be; only what follows it is kept.
    in.skipSpaces();
    while (true) {
      int c = in.peek();
      if (c < 0 || c == '<') {
        return;
      }
      if (open.isEmpty() && !XmlInput.isSpace(c)) {
        throw malformed("text outside the root element");
      }
      keep(c == '&' ? reference() : in.character());
    }
  }

  private void startText() {
    text.setLength(0);
    whitespace = true;
  }

  private void keep(int c) {
    if (!XmlInput.isSpace(c)) {
      whitespace = false;
    }
    if (text.length() < TEXT_KEPT) {
      text.appendCodePoint(c);
    }
  }

  // ---- tokens ----------------------------------------------------------------------------------

  /** A quoted attribute value, references replaced and whitespace normalized as XML says. */
  private String attributeValue(String attr) throws IOException {
    int quote = in.consume();
    if (quote != '"' && quote != '\'') {
      throw malformed("the value of " + attr + " must be quoted");
    }
    String plain = in.plainValue(quote, MAX_VALUE_CHARS);
    if (plain != null) {
      return plain;
    }
    scratch.setLength(0);
    while (true) {
      int c = in.peek();
      if (c < 0) {
        throw malformed("the input ends inside the value of " + attr);
      }
      if (c == quote) {
        in.consume();
        return scratch.toString();
      }
      if (c == '<') {
        throw malformed("\"<\" inside the value of " + attr);
      }
      if (scratch.length() >= MAX_VALUE_CHARS) {
        throw malformed("the value of " + attr + " is longer than " + MAX_VALUE_CHARS);
      }
      if (c == '&') {
        scratch.appendCodePoint(reference());
      } else {
        c = in.character();
        // Each literal whitespace character (a CR LF pair counts as one) becomes a space.
        scratch.appendCodePoint(XmlInput.isSpace(c) ? ' ' : c);
      }
    }
  }

  /** After {@code &}: a predefined entity or a character reference; returns the character. */
  private int reference() throws IOException {
    in.consume();
    int c;
    if (in.peek() == '#') {
      in.consume();
      int radix = 10;
      if (in.peek() == 'x') {
        in.consume();
        radix = 16;
      }
      long v = 0;
      int digits = 0;
      while (in.peek() >= 0 && Character.digit(in.peek(), radix) >= 0) {
        v = v * radix + Character.digit(in.consume(), radix);
        if (++digits > 8) {
          throw malformed("a character reference out of range");
        }
      }
      if (digits == 0 || v > Character.MAX_CODE_POINT || !XmlInput.isXmlChar((int) v)) {
        throw malformed("a character reference to an illegal character");
      }
      c = (int) v;
    } else {
      String entity = in.name();
      c =
          switch (entity) {
            case "lt" -> '<';
            case "gt" -> '>';
            case "amp" -> '&';
            case "apos" -> '\'';
            case "quot" -> '"';
            default -> throw malformed("the entity &" + entity + "; is not declared");
          };
    }
    expect(';');
    return c;
  }

  private void expect(int c) throws IOException {
    int got = in.peek();
    if (got != c) {
      throw malformed(
          "\""
              + (char) c
              + "\" expected"
              + (got < 0 ? " but the input ends" : ", found \"" + describe() + "\""));
    }
    in.consume();
  }

  private String describe() throws IOException {
    int c = in.peek();
    return c < 0x20 ? String.format("\\x%02x", c) : c < 0x80 ? String.valueOf((char) c) : "\u2026";
  }

  private PoolXmlException malformed(String message) {
    return in.malformed(message);
  }
}
