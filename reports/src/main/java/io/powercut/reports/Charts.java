package io.powercut.reports;

import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.ProgressSample;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
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

  private Charts() {}

  /** Crash states judged per second between consecutive progress samples, one series a run. */
  static JFreeChart statesPerSecond(List<Run> runs) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Run r : runs) {
      XYSeries s = statesPerSecond(r);
      if (!s.isEmpty()) {
        data.addSeries(s);
      }
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            null,
            "seconds since the run started",
            "crash states judged per second",
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
   * The rate over each interval between samples (the first from the start), ending with the run's
   * end record when it comes after the last sample.
   */
  static XYSeries statesPerSecond(Run r) {
    XYSeries s = new XYSeries(r.label() + " (" + r.source() + ")", false, true);
    long prevMillis = 0;
    long prevStates = 0;
    for (ProgressSample p : r.progress()) {
      if (p.elapsedMillis() > prevMillis) {
        s.add(p.elapsedMillis() / 1000.0, rate(p.statesChecked() - prevStates, p, prevMillis));
        prevMillis = p.elapsedMillis();
        prevStates = p.statesChecked();
      }
    }
    if (r.end() != null && r.end().elapsedMillis() > prevMillis) {
      long states = r.end().stats().statesRecovered() + r.end().stats().statesMerged();
      double secs = (r.end().elapsedMillis() - prevMillis) / 1000.0;
      s.add(r.end().elapsedMillis() / 1000.0, (states - prevStates) / secs);
    }
    return s;
  }

  private static double rate(long states, ProgressSample p, long prevMillis) {
    return states / ((p.elapsedMillis() - prevMillis) / 1000.0);
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
