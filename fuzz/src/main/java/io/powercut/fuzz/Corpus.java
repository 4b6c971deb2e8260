package io.powercut.fuzz;

import io.powercut.property.Seeds;
import java.util.ArrayList;
import java.util.List;

/** The seed images with a mutator for each: makes cases and the images they describe. */
public final class Corpus {
  private final List<SeedImage> seeds;
  private final List<Mutator> mutators = new ArrayList<>();

  public Corpus(List<SeedImage> seeds) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("no seed images");
    }
    this.seeds = List.copyOf(seeds);
    for (SeedImage s : seeds) {
      mutators.add(new Mutator(ImageMap.of(s.image())));
    }
  }

  public List<SeedImage> seeds() {
    return seeds;
  }

  /** Case {@code index} of the campaign with seed {@code campaignSeed}. */
  public Case make(long campaignSeed, long index) {
    long seed = Seeds.derive(campaignSeed, index);
    Choices c = Choices.seeded(seed);
    int s = c.below(seeds.size());
    return new Case(index, seed, s, mutators.get(s).next(c));
  }

  /** A case whose every choice comes from {@code c} (the fuzzer's bytes, say). */
  public Case make(Choices c) {
    int s = c.below(seeds.size());
    return new Case(0, 0, s, mutators.get(s).next(c));
  }

  /** The mutated image of {@code c}. */
  public Image image(Case c) {
    Image image = seeds.get(c.seedImage()).image().copy();
    for (Mutation m : c.mutations()) {
      m.apply(image);
    }
    return image;
  }

  /** The name of the case's seed image. */
  public String seedName(Case c) {
    return seeds.get(c.seedImage()).name();
  }
}
