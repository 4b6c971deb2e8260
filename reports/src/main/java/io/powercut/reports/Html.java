package io.powercut.reports;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jsoup.nodes.Element;

/** The report page's building blocks: sections, tables, inlined plots and number formats. */
final class Html {
  private Html() {}

  /** A new section of {@code body} with an id and a heading. */
  static Element section(Element body, String id, String title) {
    Element sec = body.appendElement("section").id(id);
    sec.appendElement("h2").text(title);
    return sec;
  }

  /** What a section says when the results have nothing for it. */
  static void empty(Element sec, String text) {
    sec.appendElement("p").addClass("empty").text(text);
  }

  /** A chart inlined as a PNG, with its caption. */
  static void plot(Element sec, String id, JFreeChart chart, int height, String caption) {
    byte[] png = Charts.png(chart, Charts.WIDTH, height);
    Element fig = sec.appendElement("figure");
    fig.appendElement("img")
        .addClass("plot")
        .id(id)
        .attr("width", String.valueOf(Charts.WIDTH))
        .attr("height", String.valueOf(height))
        .attr("alt", caption)
        .attr("src", "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    fig.appendElement("figcaption").text(caption);
  }

  /**
   * A table; without a header the first cell of each row is a row heading. Numeric cells are
   * right-aligned.
   */
  static Element table(Element parent, String[] header, List<String[]> rows) {
    Element t = parent.appendElement("table");
    if (header != null) {
      Element tr = t.appendElement("thead").appendElement("tr");
      for (String h : header) {
        tr.appendElement("th").text(h);
      }
    }
    Element tbody = t.appendElement("tbody");
    for (String[] r : rows) {
      Element tr = tbody.appendElement("tr");
      for (int i = 0; i < r.length; i++) {
        Element td = tr.appendElement(header == null && i == 0 ? "th" : "td").text(r[i]);
        if (i > 0 && r[i].matches("[0-9,.]+( .*)?")) {
          td.addClass("n");
        }
      }
    }
    return t;
  }

  /** A row of a distribution's quantiles, each printed with {@code format}. */
  static String[] distributionRow(String what, Distribution d, String format) {
    return row(
        what,
        num(d.n()),
        f(format, d.min()),
        f(format, d.p25()),
        f(format, d.median()),
        f(format, d.p75()),
        f(format, d.p90()),
        f(format, d.max()));
  }

  static String[] row(String... cells) {
    return cells;
  }

  private static String f(String format, double v) {
    return String.format(Locale.ROOT, format, v);
  }

  static String num(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }

  /** A small probability as a number and as "1 in N", e.g. "3.0e-05 (1 in 33,290)". */
  static String probability(double p) {
    if (p >= 0.01) {
      return String.format(Locale.ROOT, "%.3f", p);
    }
    return String.format(Locale.ROOT, "%.2g (1 in %,d)", p, Math.round(1 / p));
  }
}
