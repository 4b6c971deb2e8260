package io.powercut.thin.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of an XML document read as characters, for {@link XmlScanner}: a buffer refilled from
 * the stream, UTF-8 decoded and checked for characters XML forbids, with the line and column of the
 * position (the column counts characters; CR LF, CR and LF each end a line). The tokens whose speed
 * matters, names and plain attribute values, are read straight from the buffer. Errors are {@link
 * PoolXmlException}s "malformed XML: ..." at the current position.
 */
final class XmlInput {
  static final int MAX_NAME_BYTES = 1024;

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
          Arrays.stream(KNOWN_NAMES).filter(k -> k.length() == length).toArray(String[]::new);
    }
    for (int c = 0; c < NAME_CHAR.length; c++) {
      NAME_CHAR[c] = isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
  }

  private final InputStream in;
  private final String source;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;

  /** Start of the name being read: a refill keeps the bytes from here on. */
  private int mark = -1;

  private int line = 1;

  /** Where the current line starts, as a count of characters read before it. */
  private long lineStart;

  /** Characters consumed so far (a multi-byte UTF-8 sequence counts once). */
  private long chars;

  XmlInput(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  int line() {
    return line;
  }

  int column() {
    return (int) Math.min(Integer.MAX_VALUE, chars - lineStart + 1);
  }

  PoolXmlException malformed(String message) {
    return new PoolXmlException(source, line, column(), "malformed XML: " + message);
  }

  /** Passes over a UTF-8 byte order mark, which is not a character of the document. */
  void skipByteOrderMark() throws IOException {
    if (peek() == 0xEF) {
      if (consume() != 0xEF || consume() != 0xBB || consume() != 0xBF) {
        throw malformed("a byte order mark other than UTF-8's");
      }
      chars = 0;
    }
  }

  /** The next byte (0..255) without consuming it, or -1 at the end of the input. */
  int peek() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos] & 0xFF;
  }

  /** The byte {@code ahead} places on (at most a few), or -1 past the end of the input. */
  int peekAt(int ahead) throws IOException {
    while (limit - pos <= ahead) {
      if (!fill()) {
        return -1;
      }
    }
    return buf[pos + ahead] & 0xFF;
  }

  boolean startsWith(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      if (peekAt(i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  void skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      consume();
    }
  }

  /** Consumes one byte, counting lines and characters; -1 at the end. */
  int consume() throws IOException {
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

  /** Consumes one character, decoding UTF-8 and checking it is legal in XML. */
  int character() throws IOException {
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
        pos++; // a continuation byte: no character, no line end
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

  /** Consumes whitespace; returns whether there was any. */
  boolean skipSpaces() throws IOException {
    boolean any = false;
    while (isSpace(peek())) {
      consume(); // a line end, perhaps
      any = true;
      // The common case, indentation: plain spaces, straight from the buffer.
      while (pos < limit && buf[pos] == ' ') {
        pos++;
        chars++;
      }
    }
    return any;
  }

  /** An XML name: ASCII name characters and any non-ASCII character, not starting with a digit. */
  String name() throws IOException {
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
      if (!(isNameStart(c) || (pos > mark && NAME_CHAR[c]))) {
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

  /**
   * The common case of an attribute value, after its opening {@code quote}: printable ASCII without
   * references, at most {@code maxChars} of it, closed inside the buffer. Consumes it and its
   * closing quote; returns null, consuming nothing, for any other value.
   */
  String plainValue(int quote, int maxChars) {
    for (int p = pos; p < limit && p - pos <= maxChars; p++) {
      int b = buf[p];
      if (b == quote) {
        String v = new String(buf, pos, p - pos, StandardCharsets.ISO_8859_1);
        chars += p + 1 - pos;
        pos = p + 1;
        return v;
      }
      if (b < 0x20 || b == 0x7F || b == '&' || b == '<') {
        return null;
      }
    }
    return null;
  }

  static boolean isXmlChar(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }

  static boolean isSpace(int c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private static boolean isNameStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  /** Reads more input, keeping the bytes from {@link #mark} on; false at the end of the input. */
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
      // Only a name is kept across a refill, and name() stops one at MAX_NAME_BYTES.
      throw new IllegalStateException("a token fills the whole buffer");
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }
}
