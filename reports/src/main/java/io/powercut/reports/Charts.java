package io.powercut.reports;

import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.ProgressSample;
import io.powercut.checker.results.StatsRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardPieSectionLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, drawn by JFreeChart and encoded as PNG. */
final class Charts {
  static final int WIDTH = 820;
  static final int HEIGHT = 320;

  /** Shortest interval a states-per-second point is computed over. */
  static final long MIN_INTERVAL_MILLIS = 1000;

  private Charts() {}

  /** Crash states judged per second between consecutive progress samples, one series a run. */
  static JFreeChart statesPerSecond(List<Run> runs) {
    XYSeriesCollection data = new XYSeriesCollection();
    Set<String> keys = new HashSet<>();
    for (Run r : runs) {
      String key = r.label() + " (" + Path.of(r.source()).getFileName() + ")";
      // Series keys must differ: a rerun of the same campaign gets a number.
      for (int n = 2; !keys.add(key); n++) {
        key = key.replaceFirst(" #\\d+$", "") + " #" + n;
      }
      XYSeries s = statesPerSecond(r, key);
      if (!s.isEmpty()) {
        data.addSeries(s);
      }
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            null,
            "seconds since the run started",
            "crash states / s",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setDefaultStroke(new BasicStroke(2f));
    plot.setRenderer(renderer);
    return style(chart);
  }

  /**
   * The rate over each interval of at least {@link #MIN_INTERVAL_MILLIS} between the run's start,
   * its progress samples and its end. Counters move in bursts (when a workload finishes), so a
   * shorter interval, such as the tail between the last sample and the end, is merged into the one
   * before it rather than drawn as a spike.
   */
  static XYSeries statesPerSecond(Run r, String key) {
    List<long[]> points = new ArrayList<>();
    for (ProgressSample p : r.progress()) {
      points.add(new long[] {p.elapsedMillis(), p.statesChecked()});
    }
    if (r.end() != null) {
      StatsRecord end = r.end().stats();
      points.add(new long[] {r.end().elapsedMillis(), end.statesRecovered() + end.statesMerged()});
    }
    XYSeries s = new XYSeries(key, false, true);
    long[] before = null;
    long[] from = {0, 0};
    for (long[] p : points) {
      if (p[0] - from[0] >= MIN_INTERVAL_MILLIS) {
        addRate(s, from, p);
        before = from;
        from = p;
      }
    }
    long[] last = points.isEmpty() ? from : points.get(points.size() - 1);
    if (last[0] > from[0]) {
      if (before != null) {
        s.remove(s.getItemCount() - 1);
        from = before;
      }
      addRate(s, from, last);
    }
    return s;
  }

  private static void addRate(XYSeries s, long[] from, long[] to) {
    s.add(to[0] / 1000.0, (to[1] - from[1]) * 1000.0 / (to[0] - from[0]));
  }

  /** Crash points by the number of writes still unflushed there. */
  static JFreeChart unflushed(Map<Integer, Long> histogram) {
    XYSeries s = new XYSeries("crash points");
    histogram.forEach(s::add);
    JFreeChart chart =
        ChartFactory.createXYBarChart(
            null,
            "unflushed writes at the crash point",
            false,
            "crash points",
            new XYSeriesCollection(s),
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    chart.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return style(chart);
  }

  /** Crash points whose every state was enumerated, against those that were sampled. */
  static JFreeChart coverage(long exhaustive, long sampled) {
    DefaultPieDataset<String> data = new DefaultPieDataset<>();
    data.setValue("exhaustive", exhaustive);
    data.setValue("sampled", sampled);
    JFreeChart chart = ChartFactory.createPieChart(null, data, true, false, false);
    @SuppressWarnings("unchecked")
    PiePlot<String> plot = (PiePlot<String>) chart.getPlot();
    plot.setLabelGenerator(new StandardPieSectionLabelGenerator("{0}: {1} points ({2})"));
    plot.setSectionPaint("exhaustive", new Color(0x2e7d32));
    plot.setSectionPaint("sampled", new Color(0xf9a825));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Seconds to first detection of each detected seeded bug. */
  static JFreeChart detectionTimes(List<BugRow> rows) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (BugRow b : rows) {
      if (b.detected()) {
        data.addValue(b.detectionMillis() / 1000.0, "time to first detection", b.bug());
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            null,
            null,
            "seconds to first detection",
            data,
            PlotOrientation.HORIZONTAL,
            false,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** A height that gives each of {@code bars} horizontal bars room for its label. */
  static int heightFor(int bars) {
    return Math.max(160, 60 + 22 * bars);
  }

  static byte[] png(JFreeChart chart, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("a PNG into memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static JFreeChart style(JFreeChart chart) {
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
