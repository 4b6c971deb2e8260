package io.powercut.thin.xml;

import java.io.IOException;

/**
 * Pool XML that is malformed or describes an impossible pool. The message is one line: {@code
 * source:line:column: what is wrong}, naming the element and attribute and what was expected.
 */
public final class PoolXmlException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;

  public PoolXmlException(String source, int line, int column, String message) {
    super(source + ":" + line + ":" + column + ": " + message);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
