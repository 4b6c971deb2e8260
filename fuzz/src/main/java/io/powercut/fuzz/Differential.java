package io.powercut.fuzz;

import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.tools.ThinTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the real {@code thin_check} about a sample of the mutated images and counts where its
 * verdict (clean or not) differs from ours, keeping the first disagreements of each direction as
 * images to inspect. Our checker is stricter by design (thin_check 0.9.0 skips data reference
 * counts, mapped_blocks, key ranges...), so "we reject, thin_check passes" is mostly expected;
 * "thin_check rejects, we pass" is a rule we lack.
 */
public final class Differential {
  /** Disagreement images kept per direction. */
  static final int KEEP = 25;

  /** The figures so far. */
  public record Counts(long sampled, long agreed, long weRejectOnly, long thinCheckRejectsOnly) {
    public long disagreed() {
      return weRejectOnly + thinCheckRejectsOnly;
    }
  }

  private final Path dir;
  private final Duration timeout;
  private final AtomicLong sampled = new AtomicLong();
  private final AtomicLong agreed = new AtomicLong();
  private final AtomicLong weReject = new AtomicLong();
  private final AtomicLong theyReject = new AtomicLong();

  public Differential(Path dir, Duration timeout) {
    this.dir = dir;
    this.timeout = timeout;
  }

  /** Compares the verdicts on one image; {@code weAreClean} is our checker's. */
  public void compare(Image image, boolean weAreClean, String caseName) throws IOException {
    ThinTools.Result r = ThinTools.checkImage(image, timeout);
    sampled.incrementAndGet();
    boolean theyAreClean = r.ok();
    if (theyAreClean == weAreClean) {
      agreed.incrementAndGet();
      return;
    }
    String direction = weAreClean ? "thin_check-rejects" : "we-reject";
    long n = (weAreClean ? theyReject : weReject).incrementAndGet();
    if (n <= KEEP) {
      Files.createDirectories(dir);
      Path img = dir.resolve(direction + "-" + n + ".img");
      image.save(img);
      Files.writeString(
          dir.resolve(direction + "-" + n + ".txt"),
          caseName
              + "\nthin_check: "
              + r
              + "\n\nours:\n"
              + MetadataChecker.check(image, CheckOptions.DEFAULT)
              + "\n");
    }
  }

  public Counts counts() {
    return new Counts(sampled.get(), agreed.get(), weReject.get(), theyReject.get());
  }
}
