package io.powercut.checker.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a results file written by {@link ResultsWriter} (or several concatenated). */
public final class ResultsReader {
  private ResultsReader() {}

  /**
   * The records of {@code file} in order, without the headers and without records of types this
   * version does not know.
   *
   * @throws IOException if the file cannot be read, does not start with a header, was written in a
   *     newer format, or has a malformed line (the message names the file and line)
   */
  public static List<ResultRecord> read(Path file) throws IOException {
    List<ResultRecord> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      boolean header = false;
      int n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        ResultRecord r = decode(file, n, line);
        if (r instanceof Header h) {
          checkFormat(file, n, h);
          header = true;
        } else if (!header) {
          throw new IOException(
              file + ":" + n + ": not a powercut results file (it must start with a header line)");
        } else if (r != null) {
          out.add(r);
        }
      }
      if (!header) {
        throw new IOException(file + ": empty, not a powercut results file");
      }
    }
    return out;
  }

  private static ResultRecord decode(Path file, int n, String line) throws IOException {
    try {
      return ResultsFormat.decode(line);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
    }
  }

  private static void checkFormat(Path file, int n, Header h) throws IOException {
    if (h.format() < 1 || h.format() > ResultsFormat.VERSION) {
      throw new IOException(
          file
              + ":"
              + n
              + ": results format "
              + h.format()
              + ", but this powercut reads formats 1 to "
              + ResultsFormat.VERSION
              + " (a newer powercut wrote it?)");
    }
  }
}
