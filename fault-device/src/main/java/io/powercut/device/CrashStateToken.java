package io.powercut.device;

/**
 * The text form of a {@link CrashState}, so a state can be written into a reproducer and replayed:
 *
 * <pre>
 * token    = "p" position [":s" ranges] [":t" tears] [":m" misdirects] [":r" rots]
 * ranges   = range ("," range)*          range = index | index "-" index
 * tears    = index "=" hexmask ("," index "=" hexmask)*
 * misdirects = index "=" block ("," index "=" block)*
 * rots     = rot ("," rot)*               rot = ["d" device "."] block "=" bit ("+" bit)*
 * </pre>
 *
 * For example {@code p42} (crash at position 42, every unflushed write lost), {@code
 * p42:s3,7-19:t19=f} (writes 3 and 7 to 19 survive, write 19 with only its first four sectors),
 * {@code p42:s19:m19=5:r5=0+4095} (write 19 landed on block 5, which then rotted at bits 0 and
 * 4095). Log indices are global across the devices of a {@link FaultyDeviceGroup}, so only bit rot
 * names its device, and only when it is not device 0: {@code p42:r5=0,d1.5=7} rots block 5 of
 * device 0 and block 5 of device 1. The token uses no shell metacharacters. Numbers are decimal
 * except masks (hexadecimal).
 */
final class CrashStateToken {
  private CrashStateToken() {}

  /** The token of {@code state}. */
  static String write(CrashState state) {
    int[] ranges = state.ranges();
    int[] tearWrites = state.tearWrites();
    long[] tearMasks = state.tearMasks();
    int[] misdirectWrites = state.misdirectWrites();
    long[] misdirectTargets = state.misdirectTargets();
    int[] rotDevices = state.rotDevices();
    long[] rotBlocks = state.rotBlocks();
    int[][] rotBits = state.rotBits();
    StringBuilder s = new StringBuilder().append('p').append(state.position());
    if (ranges.length > 0) {
      s.append(":s");
      for (int i = 0; i < ranges.length; i += 2) {
        if (i > 0) {
          s.append(',');
        }
        s.append(ranges[i]);
        if (ranges[i + 1] != ranges[i]) {
          s.append('-').append(ranges[i + 1]);
        }
      }
    }
    if (tearWrites.length > 0) {
      s.append(":t");
      for (int i = 0; i < tearWrites.length; i++) {
        s.append(i > 0 ? "," : "").append(tearWrites[i]).append('=');
        s.append(Long.toHexString(tearMasks[i]));
      }
    }
    if (misdirectWrites.length > 0) {
      s.append(":m");
      for (int i = 0; i < misdirectWrites.length; i++) {
        s.append(i > 0 ? "," : "").append(misdirectWrites[i]).append('=');
        s.append(misdirectTargets[i]);
      }
    }
    if (rotBlocks.length > 0) {
      s.append(":r");
      for (int i = 0; i < rotBlocks.length; i++) {
        s.append(i > 0 ? "," : "");
        if (rotDevices[i] != 0) {
          s.append('d').append(rotDevices[i]).append('.');
        }
        s.append(rotBlocks[i]).append('=');
        for (int j = 0; j < rotBits[i].length; j++) {
          s.append(j > 0 ? "+" : "").append(rotBits[i][j]);
        }
      }
    }
    return s.toString();
  }

  /** Parses a token written by {@link #write}; throws {@link IllegalArgumentException}. */
  static CrashState parse(String token) {
    return new Parser(token).parse();
  }

  /** A strict cursor over a token; every loop advances the cursor, so parsing is linear. */
  private static final class Parser {
    private final String token;
    private int at;

    Parser(String token) {
      if (token == null || token.isEmpty() || token.length() > CrashState.MAX_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "a crash state token is 1 to " + CrashState.MAX_TOKEN_LENGTH + " characters");
      }
      this.token = token;
    }

    CrashState parse() {
      expect('p');
      CrashState.Builder b = CrashState.at(intNumber());
      String order = "stmr";
      int next = 0;
      while (at < token.length()) {
        expect(':');
        int section = at < token.length() ? order.indexOf(token.charAt(at), next) : -1;
        if (section < 0) {
          throw error("a section s, t, m or r in that order");
        }
        at++;
        next = section + 1;
        do {
          switch (order.charAt(section)) {
            case 's' -> {
              int lo = intNumber();
              b.survive(lo, accept('-') ? intNumber() : lo);
            }
            case 't' -> {
              int write = intNumber();
              expect('=');
              b.tear(write, hexNumber());
            }
            case 'm' -> {
              int write = intNumber();
              expect('=');
              b.misdirect(write, number());
            }
            default -> {
              int device = 0;
              if (accept('d')) {
                device = intNumber();
                expect('.');
              }
              long block = number();
              expect('=');
              do {
                b.rot(device, block, intNumber());
              } while (accept('+'));
            }
          }
        } while (accept(','));
      }
      return b.build();
    }

    private long number() {
      int start = at;
      while (at < token.length() && at - start < 19 && isDigit(token.charAt(at))) {
        at++;
      }
      if (at == start || (at < token.length() && isDigit(token.charAt(at)))) {
        throw error("a decimal number of 1 to 19 digits");
      }
      try {
        return Long.parseLong(token, start, at, 10);
      } catch (NumberFormatException e) {
        at = start;
        throw error("a number at most " + Long.MAX_VALUE);
      }
    }

    private int intNumber() {
      int start = at;
      long value = number();
      if (value > Integer.MAX_VALUE) {
        at = start;
        throw error("a number at most " + Integer.MAX_VALUE);
      }
      return (int) value;
    }

    private long hexNumber() {
      int start = at;
      while (at < token.length() && at - start < 17 && isHexDigit(token.charAt(at))) {
        at++;
      }
      if (at == start || at - start > 16) {
        throw error("a hexadecimal mask of 1 to 16 digits");
      }
      return Long.parseUnsignedLong(token, start, at, 16);
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
      return new IllegalArgumentException(
          "bad crash state token '" + shown + "' at character " + at + ": expected " + expected);
    }
  }
}
