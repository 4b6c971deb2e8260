package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.thin.Superblock;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.MetadataChecker;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedCorpusTest {
  private final List<SeedImage> seeds = TestCorpus.get().seeds();

  @Test
  void everySeedIsCleanAndPassesTheOracle() throws IOException {
    for (SeedImage s : seeds) {
      assertTrue(
          MetadataChecker.check(s.image(), new CheckOptions(true, false, false)).clean(), s.name());
      ImageVerdict v = new Oracle().judge(s.image());
      assertNull(v.failure(), () -> s.name() + ": " + v.failure().summary());
      assertTrue(v.checkClean(), s.name());
      assertTrue(s.image().size() <= EngineSeeds.METADATA_BLOCKS, s.name());
    }
  }

  @Test
  void theSeedsHoldEveryStructureTheMutatorsTarget() {
    boolean held = false;
    boolean version1 = false;
    boolean thinRestore = false;
    boolean multiBitmapData = false;
    for (SeedImage s : seeds) {
      ImageMap m = ImageMap.of(s.image());
      Superblock sb = m.superblock();
      held |= sb.heldRoot() != 0;
      version1 |= sb.version() == 1;
      thinRestore |= s.name().startsWith("thin-restore");
      multiBitmapData |= m.nodes(Tree.DATA_INDEX).size() == 1 && m.bitmaps().size() > 2;
      assertFalse(m.nodes(Tree.DETAILS).isEmpty(), s.name());
      assertFalse(m.nodes(Tree.MAPPING).isEmpty(), s.name());
      assertTrue(m.nodes(Tree.MAPPING).stream().anyMatch(n -> !n.leaf()), s.name());
      assertFalse(m.nodes(Tree.METADATA_REF_COUNTS).isEmpty(), s.name());
    }
    assertTrue(held, "a seed holds a metadata snapshot");
    assertTrue(version1, "a seed has format version 1");
    assertTrue(thinRestore, "a seed was written by the real thin_restore");
    assertTrue(multiBitmapData, "a seed has several data bitmaps");
  }

  @Test
  void engineSeedsAreTheSameEveryTime() throws IOException {
    List<SeedImage> again = EngineSeeds.build(2);
    assertEquals(4, again.size());
    for (SeedImage s : again) {
      SeedImage before =
          seeds.stream().filter(x -> x.name().equals(s.name())).findFirst().orElseThrow();
      assertTrue(s.image().sameContent(before.image()), s.name());
    }
  }
}
