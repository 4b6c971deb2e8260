package io.powercut.thin.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
  static final int MAX_NAME_BYTES = 1024;
  static final int MAX_ATTRIBUTES = 64;
  static final int MAX_DEPTH = 64;
  static final int TEXT_KEPT = 64;

  /** The names pool XML uses, returned without building a string for each occurrence. */
  private static final String[] KNOWN_NAMES = {
    "superblock",
    "device",
    "single_mapping",
    "range_mapping",
    "uuid",
    "time",
    "transaction",
    "flags",
    "version",
    "data_block_size",
    "nr_data_blocks",
    "metadata_snap",
    "dev_id",
    "mapped_blocks",
    "creation_time",
    "snap_time",
    "origin_block",
    "data_block",
    "origin_begin",
    "data_begin",
    "length"
  };

  /** The known names by length. */
  private static final String[][] KNOWN_BY_LENGTH = new String[16][];

  /** Whether an ASCII byte may continue a name. */
  private static final boolean[] NAME_CHAR = new boolean[128];

  static {
    for (int n = 0; n < KNOWN_BY_LENGTH.length; n++) {
      int length = n;
      KNOWN_BY_LENGTH[n] =
          java.util.Arrays.stream(KNOWN_NAMES)
              .filter(k -> k.length() == length)
              .toArray(String[]::new);
    }
    for (int c = 0; c < NAME_CHAR.length; c++) {
      NAME_CHAR[c] = isNameChar(c);
    }
  }

  private final InputStream in;
  private final String source;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;

  /** Start of the token being read: a refill keeps the bytes from here on. */
  private int mark = -1;

  private int line = 1;

  /** Where the current line starts, as a count of characters read before it. */
  private long lineStart;

  /** Characters consumed so far (a multi-byte UTF-8 sequence counts once). */
  private long chars;

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
    this.in = in;
    this.source = source;
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
    int c = peek();
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
    consume();
    c = peek();
    if (c == '/') {
      consume();
      endTag();
      return Event.END_ELEMENT;
    }
    if (c == '?') {
      consume();
      processingInstruction();
      return null;
    }
    if (c == '!') {
      consume();
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
    return line;
  }

  int column() {
    return (int) Math.min(Integer.MAX_VALUE, chars - lineStart + 1);
  }

  // ---- structure -------------------------------------------------------------------------------

  /** A byte order mark, then an XML declaration if there is one. */
  private void prolog() throws IOException {
    if (peek() == 0xEF) {
      if (consume() != 0xEF || consume() != 0xBB || consume() != 0xBF) {
        throw malformed("a byte order mark other than UTF-8's");
      }
      // The mark is not a character of the document.
      chars = 0;
    }
    if (startsWith("<?xml") && isSpace(peekAt(5))) {
      skip(5);
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
    name = name();
    attributes(name);
    if (peek() == '/') {
      consume();
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
      boolean spaced = skipSpaces();
      int c = peek();
      if (c == '>' || c == '/' || c == '?' || c < 0) {
        return;
      }
      if (!spaced) {
        throw malformed("attributes of <" + element + "> must be separated by whitespace");
      }
      if (attrCount == MAX_ATTRIBUTES) {
        throw malformed("<" + element + "> has more than " + MAX_ATTRIBUTES + " attributes");
      }
      String attr = name();
      for (int i = 0; i < attrCount; i++) {
        if (attrNames[i].equals(attr)) {
          throw malformed("<" + element + "> has the attribute " + attr + " twice");
        }
      }
      skipSpaces();
      expect('=');
      skipSpaces();
      attrNames[attrCount] = attr;
      attrValues[attrCount] = attributeValue(attr);
      attrCount++;
    }
  }

  private void endTag() throws IOException {
    name = name();
    skipSpaces();
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
    if (startsWith("--")) {
      skip(2);
      comment();
      return null;
    }
    if (startsWith("[CDATA[")) {
      if (open.isEmpty()) {
        throw malformed("a CDATA section outside the root element");
      }
      skip(7);
      cdata();
      return Event.TEXT;
    }
    if (startsWith("DOCTYPE")) {
      return Event.DOCTYPE;
    }
    throw malformed("\"<!\" starts neither a comment, a CDATA section nor a DOCTYPE");
  }

  private void comment() throws IOException {
    while (true) {
      int c = character();
      if (c == '-' && peek() == '-') {
        consume();
        if (peek() != '>') {
          throw malformed("\"--\" inside a comment");
        }
        consume();
        return;
      }
    }
  }

  private void cdata() throws IOException {
    startText();
    while (!startsWith("]]>")) {
      keep(character());
    }
    skip(3);
  }

  private void processingInstruction() throws IOException {
    String target = name();
    if (target.equalsIgnoreCase("xml")) {
      throw malformed("an XML declaration is allowed only at the very start");
    }
    while (true) {
      int c = character();
      if (c == '?' && peek() == '>') {
        consume();
        return;
      }
    }
  }

  private void readText() throws IOException {
    startText();
    // The common case, indentation: spaces after a line end.
    if (buf[pos] == '\n') {
      consume();
      while (pos < limit && buf[pos] == ' ') {
        pos++;
        chars++;
      }
    }
    while (true) {
      int c = peek();
      if (c < 0 || c == '<') {
        return;
      }
      if (open.isEmpty() && !isSpace(c)) {
        throw malformed("text outside the root element");
      }
      keep(c == '&' ? reference() : character());
    }
  }

  private void startText() {
    text.setLength(0);
    whitespace = true;
  }

  private void keep(int c) {
    if (!isSpace(c)) {
      whitespace = false;
    }
    if (text.length() < TEXT_KEPT) {
      text.appendCodePoint(c);
    }
  }

  // ---- tokens ----------------------------------------------------------------------------------

  /** An XML name: ASCII name characters and any non-ASCII character, not starting with a digit. */
  private String name() throws IOException {
    // The common case: an ASCII name that ends inside the buffer (names hold no line ends).
    int p = pos;
    if (p < limit && isNameStart(buf[p])) {
      p++;
      while (p < limit && buf[p] >= 0 && NAME_CHAR[buf[p]]) {
        p++;
      }
      if (p < limit && buf[p] >= 0 && p - pos <= MAX_NAME_BYTES) {
        int from = pos;
        chars += p - from;
        pos = p;
        return asciiName(from, p - from);
      }
    }
    mark = pos;
    boolean ascii = true;
    while (true) {
      int c = peek();
      if (c < 0) {
        break;
      }
      if (pos - mark > MAX_NAME_BYTES) {
        throw malformed("a name longer than " + MAX_NAME_BYTES + " bytes");
      }
      if (c >= 0x80) {
        ascii = false;
        character();
        continue;
      }
      boolean first = pos == mark;
      if (!(isNameStart(c) || (!first && isNameChar(c)))) {
        break;
      }
      consume();
    }
    int from = mark;
    int length = pos - from;
    mark = -1;
    if (length == 0) {
      throw malformed(peek() < 0 ? "the input ends inside a tag" : "a name was expected here");
    }
    return ascii ? asciiName(from, length) : new String(buf, from, length, StandardCharsets.UTF_8);
  }

  private String asciiName(int from, int length) {
    if (length < KNOWN_BY_LENGTH.length) {
      for (String known : KNOWN_BY_LENGTH[length]) {
        if (sameAscii(known, from)) {
          return known;
        }
      }
    }
    return new String(buf, from, length, StandardCharsets.US_ASCII);
  }

  private boolean sameAscii(String s, int from) {
    for (int i = 0; i < s.length(); i++) {
      if (buf[from + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A quoted attribute value, references replaced and whitespace normalized as XML says. */
  private String attributeValue(String attr) throws IOException {
    int quote = consume();
    if (quote != '"' && quote != '\'') {
      throw malformed("the value of " + attr + " must be quoted");
    }
    // The common case: printable ASCII without references, wholly in the buffer.
    int p = pos;
    while (p < limit && p - pos <= MAX_VALUE_CHARS) {
      int b = buf[p];
      if (b == quote) {
        String v = new String(buf, pos, p - pos, StandardCharsets.ISO_8859_1);
        chars += p + 1 - pos;
        pos = p + 1;
        return v;
      }
      if (b < 0x20 || b == 0x7F || b == '&' || b == '<') {
        break;
      }
      p++;
    }
    mark = pos;
    while (true) {
      int c = peek();
      if (c == quote) {
        int from = mark;
        int length = pos - from;
        mark = -1;
        consume();
        return new String(buf, from, length, StandardCharsets.ISO_8859_1);
      }
      if (c < 0x20 || c >= 0x7F || c == '&' || c == '<') {
        break;
      }
      consume();
      if (pos - mark > MAX_VALUE_CHARS) {
        throw malformed("the value of " + attr + " is longer than " + MAX_VALUE_CHARS);
      }
    }
    scratch.setLength(0);
    scratch.append(new String(buf, mark, pos - mark, StandardCharsets.ISO_8859_1));
    mark = -1;
    while (true) {
      int c = peek();
      if (c < 0) {
        throw malformed("the input ends inside the value of " + attr);
      }
      if (c == quote) {
        consume();
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
        c = character();
        // Each literal whitespace character (a CR LF pair counts as one) becomes a space.
        scratch.appendCodePoint(isSpace(c) ? ' ' : c);
      }
    }
  }

  /** After {@code &}: a predefined entity or a character reference; returns the character. */
  private int reference() throws IOException {
    consume();
    int c;
    if (peek() == '#') {
      consume();
      int radix = 10;
      if (peek() == 'x') {
        consume();
        radix = 16;
      }
      long v = 0;
      int digits = 0;
      while (peek() >= 0 && Character.digit(peek(), radix) >= 0) {
        v = v * radix + Character.digit(consume(), radix);
        if (++digits > 8) {
          throw malformed("a character reference out of range");
        }
      }
      if (digits == 0 || v > Character.MAX_CODE_POINT || !isXmlChar((int) v)) {
        throw malformed("a character reference to an illegal character");
      }
      c = (int) v;
    } else {
      String entity = name();
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

  private boolean skipSpaces() throws IOException {
    boolean any = false;
    while (pos < limit && buf[pos] == ' ') {
      pos++;
      chars++;
      any = true;
    }
    while (isSpace(peek())) {
      consume();
      any = true;
    }
    return any;
  }

  private void expect(int c) throws IOException {
    int got = peek();
    if (got != c) {
      throw malformed(
          "\""
              + (char) c
              + "\" expected"
              + (got < 0 ? " but the input ends" : ", found \"" + describe() + "\""));
    }
    consume();
  }

  private String describe() throws IOException {
    int c = peek();
    return c < 0x20 ? String.format("\\x%02x", c) : c < 0x80 ? String.valueOf((char) c) : "\u2026";
  }

  // ---- characters ------------------------------------------------------------------------------

  /** Consumes one character, decoding UTF-8 and checking it is legal in XML; -1 at the end. */
  private int character() throws IOException {
    int b = consume();
    if (b < 0) {
      throw malformed("the input ends early");
    }
    int c;
    if (b < 0x80) {
      c = b;
    } else {
      int n;
      if (b >= 0xC2 && b <= 0xDF) {
        c = b & 0x1F;
        n = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        c = b & 0x0F;
        n = 2;
      } else if (b >= 0xF0 && b <= 0xF4) {
        c = b & 0x07;
        n = 3;
      } else {
        throw malformed("invalid UTF-8");
      }
      for (int i = 0; i < n; i++) {
        int cont = peek();
        if ((cont & 0xC0) != 0x80) {
          throw malformed("invalid UTF-8");
        }
        pos++;
        c = (c << 6) | (cont & 0x3F);
      }
      // Overlong forms and surrogates.
      if (c < (n == 2 ? 0x800 : n == 3 ? 0x10000 : 0x80) || (c >= 0xD800 && c <= 0xDFFF)) {
        throw malformed("invalid UTF-8");
      }
    }
    if (!isXmlChar(c)) {
      throw malformed(String.format("the character U+%04X is not allowed in XML", c));
    }
    return c;
  }

  private static boolean isXmlChar(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private static boolean isNameStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private static boolean isNameChar(int c) {
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }

  // ---- bytes -----------------------------------------------------------------------------------

  /** The next byte (0..255) without consuming it, or -1 at the end of the input. */
  private int peek() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos] & 0xFF;
  }

  private int peekAt(int ahead) throws IOException {
    while (limit - pos <= ahead) {
      if (!fill()) {
        return -1;
      }
    }
    return buf[pos + ahead] & 0xFF;
  }

  private boolean startsWith(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      if (peekAt(i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      consume();
    }
  }

  /**
   * Consumes one byte, counting lines and characters (a UTF-8 continuation byte is not a
   * character); -1 at the end. CR LF, CR and LF each end a line.
   */
  private int consume() throws IOException {
    int b = peek();
    if (b < 0) {
      return -1;
    }
    pos++;
    if ((b & 0xC0) != 0x80) {
      chars++;
    }
    if (b == '\n' || (b == '\r' && peek() != '\n')) {
      line++;
      lineStart = chars;
    }
    return b;
  }

  /**
   * Reads more input, keeping the bytes from {@link #mark} on (moved to the front, the buffer grown
   * if they fill it); false at the end of the input.
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int keep = mark >= 0 ? mark : pos;
    if (keep > 0) {
      System.arraycopy(buf, keep, buf, 0, limit - keep);
      limit -= keep;
      pos -= keep;
      if (mark >= 0) {
        mark = 0;
      }
    } else if (limit == buf.length) {
      // Bounded: a token is at most a name or a value of MAX_VALUE_CHARS, checked as it grows.
      buf = java.util.Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  private PoolXmlException malformed(String message) {
    return new PoolXmlException(source, line, column(), "malformed XML: " + message);
  }
}
