package io.powercut.fs;

import java.math.BigInteger;
import java.util.Map;

/**
 * The text form of a {@link FsCrashState}, for reproducers and replay:
 *
 * <pre>
 * token  = "p" position [":s" ranges] [":t" tears]
 * ranges = range ("," range)*        range = index | index "-" index
 * tears  = index "=" hexmask ("," index "=" hexmask)*
 * </pre>
 *
 * For example {@code p42} (crash at position 42, every pending operation lost) or {@code
 * p42:s3,7-19:t19=5} (operations 3 and 7 to 19 survive, write 19 only in its sectors 0 and 2).
 * Numbers are decimal, masks lowercase hexadecimal without leading zeros; no shell metacharacters.
 */
final class FsCrashStateToken {
  private FsCrashStateToken() {}

  static String write(FsCrashState state) {
    int[] ranges = state.ranges();
    StringBuilder s = new StringBuilder().append('p').append(state.position());
    if (ranges.length > 0) {
      s.append(":s");
      for (int i = 0; i < ranges.length; i += 2) {
        s.append(i > 0 ? "," : "").append(ranges[i]);
        if (ranges[i + 1] != ranges[i]) {
          s.append('-').append(ranges[i + 1]);
        }
      }
    }
    if (!state.tears().isEmpty()) {
      s.append(":t");
      boolean first = true;
      for (Map.Entry<Integer, BigInteger> e : state.tears().entrySet()) {
        s.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue().toString(16));
        first = false;
      }
    }
    return s.toString();
  }

  static FsCrashState parse(String token) {
    return new Parser(token).parse();
  }

  /** A strict cursor over a token; every loop advances it, so parsing is linear. */
  private static final class Parser {
    private final String token;
    private int at;

    Parser(String token) {
      if (token == null || token.isEmpty() || token.length() > FsCrashState.MAX_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "expected a crash state token of 1 to "
                + FsCrashState.MAX_TOKEN_LENGTH
                + " characters, got "
                + (token == null ? "null" : token.length() + " characters"));
      }
      this.token = token;
    }

    FsCrashState parse() {
      expect('p');
      FsCrashState.Builder b = FsCrashState.at(number());
      String order = "st";
      int next = 0;
      while (at < token.length()) {
        expect(':');
        int section = at < token.length() ? order.indexOf(token.charAt(at), next) : -1;
        if (section < 0) {
          throw error("a section s or t in that order");
        }
        at++;
        next = section + 1;
        do {
          int index = number();
          if (section == 0) {
            b.survive(index, accept('-') ? number() : index);
          } else {
            expect('=');
            b.tear(index, hexMask());
          }
        } while (accept(','));
      }
      return b.build();
    }

    private int number() {
      int start = at;
      while (at < token.length() && at - start < 10 && isDigit(token.charAt(at))) {
        at++;
      }
      if (at == start || (at < token.length() && isDigit(token.charAt(at)))) {
        throw error("a decimal number of 1 to 10 digits");
      }
      long value = Long.parseLong(token, start, at, 10);
      if (value > Integer.MAX_VALUE) {
        at = start;
        throw error("a number at most " + Integer.MAX_VALUE);
      }
      return (int) value;
    }

    private BigInteger hexMask() {
      int start = at;
      while (at < token.length() && isHexDigit(token.charAt(at))) {
        at++;
      }
      if (at == start || token.charAt(start) == '0') {
        throw error("a hexadecimal mask without leading zeros");
      }
      return new BigInteger(token.substring(start, at), 16);
    }

    private boolean accept(char c) {
      if (at < token.length() && token.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!accept(c)) {
        throw error("'" + c + "'");
      }
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
      return isDigit(c) || (c >= 'a' && c <= 'f');
    }

    private IllegalArgumentException error(String expected) {
      String shown = token.length() > 80 ? token.substring(0, 80) + "..." : token;
      String got = at < token.length() ? "'" + token.charAt(at) + "'" : "the end";
      return new IllegalArgumentException(
          "bad file crash state token '"
              + shown
              + "' at character "
              + at
              + ": expected "
              + expected
              + ", got "
              + got);
    }
  }
}
