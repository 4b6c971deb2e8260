package io.powercut.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.results.ProgressSample;
import io.powercut.checker.results.RunEnd;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class ChartsTest {
  static Run run(RunEnd end, ProgressSample... samples) {
    return new Run("f", "r", null, List.of(samples), end);
  }

  static RunEnd end(long millis, long recovered, long merged) {
    CampaignStats s = new CampaignStats();
    s.statesRecovered = recovered;
    s.statesMerged = merged;
    return new RunEnd("r", millis, s.toRecord());
  }

  static ProgressSample sample(long millis, long states) {
    return new ProgressSample("r", millis, 1, 10, states, 0);
  }

  @Test
  void statesPerSecondIsTheRateOverIntervalsOfASecondOrMore() {
    XYSeries s =
        Charts.statesPerSecond(
            run(end(4500, 1000, 5000), sample(1000, 1000), sample(1400, 1200), sample(3000, 4000)),
            "r");
    // 0-1 s: 1000 states; 1-3 s (the sample at 1.4 s is too close): 3000; 3-4.5 s: 2000.
    assertEquals(3, s.getItemCount());
    assertEquals(List.of(1.0, 3.0, 4.5), List.of(s.getX(0), s.getX(1), s.getX(2)));
    assertEquals(1000.0, s.getY(0).doubleValue(), 1e-9);
    assertEquals(1500.0, s.getY(1).doubleValue(), 1e-9);
    assertEquals(2000.0 / 1.5, s.getY(2).doubleValue(), 1e-9);
  }

  @Test
  void aShortTailIsMergedIntoTheIntervalBeforeNotDrawnAsASpike() {
    XYSeries s =
        Charts.statesPerSecond(
            run(end(3050, 0, 9000), sample(1000, 1000), sample(3000, 3000)), "r");
    // The end is 50 ms after the last sample: 1-3.05 s is one interval of 8000 states.
    assertEquals(2, s.getItemCount());
    assertEquals(3.05, s.getX(1).doubleValue(), 1e-9);
    assertEquals(8000 / 2.05, s.getY(1).doubleValue(), 1e-9);
  }

  @Test
  void aRunShorterThanASecondIsOnePointAndNoDataIsNone() {
    XYSeries s = Charts.statesPerSecond(run(end(400, 100, 700)), "r");
    assertEquals(1, s.getItemCount());
    assertEquals(2000.0, s.getY(0).doubleValue(), 1e-9);
    assertTrue(Charts.statesPerSecond(run(null), "r").isEmpty());
  }

  @Test
  void theSameCampaignTwiceIsTwoLines() {
    Run again = run(end(2000, 10, 10));
    XYSeriesCollection data =
        (XYSeriesCollection) Charts.statesPerSecond(List.of(again, again)).getXYPlot().getDataset();
    assertEquals(2, data.getSeriesCount());
    assertEquals("r (f)", data.getSeriesKey(0));
    assertEquals("r (f) #2", data.getSeriesKey(1));
  }

  @Test
  void plotsArePngsOfTheAskedSize() throws Exception {
    byte[] png = Charts.png(Charts.unflushed(Map.of(0, 5L, 3, 2L)), 400, 200);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(400, img.getWidth());
    assertEquals(200, img.getHeight());
    png = Charts.png(Charts.coverage(90, 10), 300, 300);
    assertTrue(ImageIO.read(new ByteArrayInputStream(png)).getWidth() == 300);
  }
}
