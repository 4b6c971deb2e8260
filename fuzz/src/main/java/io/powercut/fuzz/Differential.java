package io.powercut.fuzz;

import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.tools.ThinTools;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the real {@code thin_check} of one or more {@link ToolsGeneration generations} about a
 * sample of the mutated images and counts, per generation, where its verdict (clean or not) differs
 * from ours, keeping the first disagreements of each direction as images to inspect. Our checker is
 * stricter by design (thin_check 0.9.0 skips data reference counts, mapped_blocks, key ranges...),
 * so "we reject, thin_check passes" is mostly expected; "thin_check rejects, we pass" is a rule we
 * lack (or one of the documented cases where the tool is wrong).
 */
public final class Differential {
  /** Disagreement images kept per direction and generation. */
  static final int KEEP = 25;

  /** The figures so far of one generation. */
  public record Counts(
      ToolsGeneration generation,
      long sampled,
      long agreed,
      long weRejectOnly,
      long thinCheckRejectsOnly) {
    public long disagreed() {
      return weRejectOnly + thinCheckRejectsOnly;
    }
  }

  private static final class Tally {
    final AtomicLong sampled = new AtomicLong();
    final AtomicLong agreed = new AtomicLong();
    final AtomicLong weReject = new AtomicLong();
    final AtomicLong theyReject = new AtomicLong();
  }

  private final Path dir;
  private final Duration timeout;
  private final Map<ToolsGeneration, Tally> tallies = new EnumMap<>(ToolsGeneration.class);

  /** Compares with 0.9's thin_check. */
  public Differential(Path dir, Duration timeout) {
    this(dir, timeout, List.of(ToolsGeneration.V0_9));
  }

  /** Compares with the thin_check of every one of {@code generations}. */
  public Differential(Path dir, Duration timeout, List<ToolsGeneration> generations) {
    this.dir = dir;
    this.timeout = timeout;
    for (ToolsGeneration g : generations) {
      tallies.put(g, new Tally());
    }
  }

  /** Compares the verdicts on one image; {@code weAreClean} is our checker's. */
  public void compare(Image image, boolean weAreClean, String caseName) throws IOException {
    for (Map.Entry<ToolsGeneration, Tally> e : tallies.entrySet()) {
      compare(e.getKey(), e.getValue(), image, weAreClean, caseName);
    }
  }

  private void compare(ToolsGeneration g, Tally t, Image image, boolean weAreClean, String caseName)
      throws IOException {
    ThinTools.Result r = ThinTools.checkImage(g, image, timeout);
    t.sampled.incrementAndGet();
    boolean theyAreClean = r.ok();
    if (theyAreClean == weAreClean) {
      t.agreed.incrementAndGet();
      return;
    }
    String direction =
        weAreClean ? "thin_check-" + g.label() + "-rejects" : "we-reject-" + g.label();
    long n = (weAreClean ? t.theyReject : t.weReject).incrementAndGet();
    if (n <= KEEP) {
      Files.createDirectories(dir);
      Path img = dir.resolve(direction + "-" + n + ".img");
      image.save(img);
      Files.writeString(
          dir.resolve(direction + "-" + n + ".txt"),
          caseName
              + "\nthin_check "
              + g.version().orElse(g.label())
              + ": "
              + r
              + "\n\nours:\n"
              + MetadataChecker.check(image, CheckOptions.DEFAULT)
              + "\n");
    }
  }

  /** The figures so far, one entry per generation asked. */
  public List<Counts> counts() {
    List<Counts> all = new ArrayList<>();
    tallies.forEach(
        (g, t) ->
            all.add(
                new Counts(
                    g, t.sampled.get(), t.agreed.get(), t.weReject.get(), t.theyReject.get())));
    return all;
  }
}
