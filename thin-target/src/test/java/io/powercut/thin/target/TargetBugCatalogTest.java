package io.powercut.thin.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.BugCatalog;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog of every seeded bug a pool can have, and how a pool takes them. */
class TargetBugCatalogTest {
  @Test
  void listsTheEnginesBugsInTheirOrderThenTheTargets() {
    int engine = BugCatalog.ALL.size();
    assertEquals(BugCatalog.ALL, TargetBugCatalog.ALL.subList(0, engine));
    assertEquals(
        List.of(TargetBug.values()),
        TargetBugCatalog.ALL.subList(engine, TargetBugCatalog.ALL.size()));
    assertEquals(List.of(TargetBug.values()), TargetBugCatalog.dataPath());
    assertEquals(
        TargetBugCatalog.ALL.size(),
        new HashSet<>(TargetBugCatalog.ALL.stream().map(SeededBug::id).toList()).size(),
        "ids are unique");
  }

  @Test
  void everyDataPathBugSaysWhatItDoesAndWhatItMirrors() {
    for (TargetBug b : TargetBug.values()) {
      assertFalse(b.description().isBlank(), b.id());
      assertFalse(b.mirrors().isBlank(), b.id());
    }
    assertTrue(TargetBug.METADATA_BEFORE_DATA_FLUSH.mirrors().contains("694cfe7f31db"));
    assertTrue(TargetBug.PROVISION_FUA_IGNORED.mirrors().contains("4ae280b4ee34"));
  }

  @Test
  void parsesTheIdsOfBothLayersAndTheEngineCatalogStaysTheEngines() {
    assertSame(TargetBug.FLUSH_WITHOUT_COMMIT, TargetBugCatalog.byId("flush-without-commit"));
    assertSame(PdataBug.SUPERBLOCK_BEFORE_FLUSH, TargetBugCatalog.byId("superblock-before-flush"));
    assertEquals(
        Bugs.of(PdataBug.SUPERBLOCK_BEFORE_FLUSH, TargetBug.PASSDOWN_SHARED),
        TargetBugCatalog.bugs(" passdown-shared, superblock-before-flush"));
    assertEquals(
        List.of(TargetBug.PASSDOWN_SHARED, PdataBug.SUPERBLOCK_BEFORE_FLUSH),
        TargetBugCatalog.byIds("passdown-shared,superblock-before-flush"));
    assertEquals(Bugs.NONE, TargetBugCatalog.bugs("none"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TargetBugCatalog.byId("nope"));
    assertTrue(e.getMessage().contains("remap-before-copy-durable"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BugCatalog.byId("passdown-shared"));
  }

  @Test
  void aPoolHandsItsBugsToItsMetadataEngine() throws IOException {
    Bugs bugs = Bugs.of(TargetBug.FLUSH_WITHOUT_COMMIT, PdataBug.SUPERBLOCK_NOT_FLUSHED);
    try (Rig rig = new Rig(Rig.small(), 8, bugs)) {
      assertEquals(bugs, rig.pool.bugs());
      assertEquals(bugs, rig.pool.metadata().bugs());
    }
  }
}
