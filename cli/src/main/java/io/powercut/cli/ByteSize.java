package io.powercut.cli;

import picocli.CommandLine;

/** Parses a size in bytes: digits, optionally followed by K, M, G or T (powers of 1024). */
final class ByteSize implements CommandLine.ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String v = value.strip();
    int shift = 0;
    if (!v.isEmpty()) {
      switch (Character.toUpperCase(v.charAt(v.length() - 1))) {
        case 'K' -> shift = 10;
        case 'M' -> shift = 20;
        case 'G' -> shift = 30;
        case 'T' -> shift = 40;
        default -> shift = -1;
      }
      if (shift >= 0) {
        v = v.substring(0, v.length() - 1);
      } else {
        shift = 0;
      }
    }
    if (v.isEmpty() || !v.chars().allMatch(Character::isDigit) || v.length() > 18) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a size: expected bytes, or a number with K, M, G or T");
    }
    long n = Long.parseLong(v);
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new CommandLine.TypeConversionException("'" + value + "' is too large");
    }
    return n << shift;
  }
}
