package io.powercut.fuzz;

import io.powercut.property.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one finding per signature: the first case that fails a new way is minimized and saved as
 * {@code finding-N.img} with {@code finding-N.txt} (what failed, the mutations, the commands that
 * reproduce it); later cases with the same signature are only counted.
 */
public final class FindingStore {
  private final Path dir;
  private final long campaignSeed;
  private final FuzzTarget target;
  private final Map<String, ImageFinding> bySignature = new LinkedHashMap<>();

  public FindingStore(Path dir, long campaignSeed, FuzzTarget target) {
    this.dir = dir;
    this.campaignSeed = campaignSeed;
    this.target = target;
  }

  /** Whether this signature has been saved already; if so, counts one more hit. */
  public synchronized boolean known(String signature) {
    ImageFinding f = bySignature.get(signature);
    if (f == null) {
      return false;
    }
    bySignature.put(
        signature,
        new ImageFinding(
            f.failure(), f.minimized(), f.originalMutations(), f.image(), f.hits() + 1));
    return true;
  }

  /**
   * Saves a new finding, unless another thread saved the same signature meanwhile (then it is
   * counted); returns the finding saved, or null.
   */
  public synchronized ImageFinding save(
      Corpus corpus, Case original, Case minimized, Failure failure) throws IOException {
    if (known(failure.signature())) {
      return null;
    }
    Files.createDirectories(dir);
    int n = bySignature.size() + 1;
    Path image = dir.resolve("finding-" + n + ".img");
    corpus.image(minimized).save(image);
    ImageFinding f = new ImageFinding(failure, minimized, original.mutations().size(), image, 1);
    Files.writeString(dir.resolve("finding-" + n + ".txt"), report(corpus, f));
    bySignature.put(failure.signature(), f);
    return f;
  }

  /** Every finding so far, in the order found. */
  public synchronized List<ImageFinding> findings() {
    return List.copyOf(bySignature.values());
  }

  private String report(Corpus corpus, ImageFinding f) {
    Failure x = f.failure();
    Case c = f.minimized();
    StringBuilder s = new StringBuilder();
    s.append(x.summary()).append('\n');
    s.append("signature: ").append(x.signature()).append('\n');
    s.append("seed image: ").append(corpus.seedName(c)).append('\n');
    s.append("mutations (")
        .append(c.mutations().size())
        .append(" of the case's ")
        .append(f.originalMutations())
        .append(" still fail):\n");
    for (Mutation m : c.mutations()) {
      s.append("  ").append(m).append('\n');
    }
    s.append("reproduce: ").append(f.replayCommand(target)).append('\n');
    s.append("the whole case: ./powercut fuzz")
        .append(target.flag())
        .append(" --seed ")
        .append(Seeds.format(campaignSeed))
        .append(" --case ")
        .append(c.index())
        .append('\n');
    s.append("also: ./powercut check ").append(f.image()).append('\n');
    s.append('\n').append(x.detail()).append('\n');
    return s.toString();
  }
}
