package io.powercut.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.Executables;
import io.powercut.property.junit.RequiresExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The suite's report in a real browser (Debian's headless Chromium through ChromeDriver): it loads
 * without a console error, every plot is decoded and laid out with a non-zero size, and a
 * screenshot of the whole page lands in {@code reports/target/crash-report-screenshot.png}.
 */
@RequiresExecutables(
    value = {"chromium", "chromedriver"},
    requiredBy = "POWERCUT_REQUIRE_BROWSER",
    install = "apt-get install -y chromium chromium-driver")
class ReportInBrowserTest {
  static final Path SCREENSHOT = SuiteReport.DIR.resolveSibling("crash-report-screenshot.png");

  @TempDir Path profile;

  @Test
  void thePageLoadsCleanAndEveryPlotHasASize() throws Exception {
    Path page = SuiteReport.page();
    ChromeDriver browser = start();
    try {
      // First prove that a console error would be seen at all.
      browser.get("data:text/html,<script>console.error('probe')</script>");
      List<LogEntry> probe = errors(browser);
      assertEquals(1, probe.size(), "the probe's console error: " + probe);
      assertTrue(probe.get(0).getMessage().contains("probe"), probe.get(0).getMessage());

      browser.get(page.toUri().toString());
      assertEquals(List.of(), errors(browser), "console errors");

      @SuppressWarnings("unchecked")
      List<Map<String, Object>> plots =
          (List<Map<String, Object>>)
              ((JavascriptExecutor) browser)
                  .executeScript(
                      "return Array.from(document.querySelectorAll('img.plot')).map(i => {"
                          + " const r = i.getBoundingClientRect();"
                          + " return {id: i.id, complete: i.complete, natural: i.naturalWidth"
                          + " * i.naturalHeight, width: r.width, height: r.height}; });");
      assertEquals(4, plots.size(), "plots: " + plots);
      for (Map<String, Object> p : plots) {
        assertEquals(true, p.get("complete"), "decoded: " + p);
        assertTrue(((Number) p.get("natural")).longValue() > 0, "image has pixels: " + p);
        assertTrue(((Number) p.get("width")).doubleValue() > 0, "laid out wide: " + p);
        assertTrue(((Number) p.get("height")).doubleValue() > 0, "laid out high: " + p);
      }

      long height =
          (Long)
              ((JavascriptExecutor) browser)
                  .executeScript("return document.documentElement.scrollHeight;");
      browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height, 16_000)));
      Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
      assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot with something in it");
    } finally {
      browser.quit();
    }
  }

  /** Console errors since the last call (reading the browser log empties it). */
  private static List<LogEntry> errors(ChromeDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .toList();
  }

  private ChromeDriver start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Executables.find("chromium").orElseThrow().toFile());
    // A sandboxed, offline machine: no sandbox as root, no GPU, no calls home, a fresh profile.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Executables.find("chromedriver").orElseThrow().toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    return new ChromeDriver(service, options);
  }
}
