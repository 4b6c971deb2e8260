package io.powercut.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Renders results files as the crash-consistency report. The entry point for every command:
 *
 * <pre>
 * Path page = CrashReport.render(List.of(dir.resolve(ResultsWriter.FILE_NAME)), dir);
 * </pre>
 */
public final class CrashReport {
  /** The page's name in the output directory. */
  public static final String INDEX = "index.html";

  private CrashReport() {}

  /**
   * Reads and merges {@code results} and writes {@code dir/index.html}, creating {@code dir}.
   *
   * @return the page
   * @throws IOException if a file cannot be read or is not a results file (the message names the
   *     file and line), or the page cannot be written
   */
  public static Path render(List<Path> results, Path dir) throws IOException {
    return render(ResultSet.read(results), dir);
  }

  /** Writes the page of already merged results; replaces an older page only when complete. */
  public static Path render(ResultSet results, Path dir) throws IOException {
    String html = ReportPage.render(results).outerHtml();
    Files.createDirectories(dir);
    Path page = dir.resolve(INDEX);
    // Not createTempFile: its owner-only permissions would stay on the published page.
    Path tmp = dir.resolve("." + INDEX + ".tmp");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return page;
  }
}
