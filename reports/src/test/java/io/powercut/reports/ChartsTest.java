package io.powercut.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.results.ProgressSample;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.StatsRecord;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

class ChartsTest {
  @Test
  void statesPerSecondIsTheRateBetweenSamplesEndingWithTheEnd() {
    CampaignStats end = new CampaignStats();
    end.statesRecovered = 1000;
    end.statesMerged = 4000;
    Run r =
        new Run(
            "f",
            "r",
            null,
            List.of(
                new ProgressSample("r", 1000, 1, 10, 1000, 0),
                new ProgressSample("r", 1000, 1, 10, 1000, 0), // no time passed: skipped
                new ProgressSample("r", 3000, 2, 20, 4000, 0)),
            new RunEnd("r", 3500, StatsRecord.of(end)));
    XYSeries s = Charts.statesPerSecond(r);
    assertEquals(3, s.getItemCount());
    assertEquals(1.0, s.getX(0).doubleValue());
    assertEquals(1000.0, s.getY(0).doubleValue(), 1e-9);
    assertEquals(1500.0, s.getY(1).doubleValue(), 1e-9);
    assertEquals(3.5, s.getX(2).doubleValue());
    assertEquals(2000.0, s.getY(2).doubleValue(), 1e-9);
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
