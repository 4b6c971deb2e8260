package io.powercut.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.Outcome;
import io.powercut.engine.h2.H2State.Contents;
import io.powercut.engine.h2.H2State.Versions;
import io.powercut.property.junit.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class H2ModelTest {
  private static final Outcome STORED = Outcome.ok(1);
  private static final Outcome NOTHING = Outcome.ok(0);
  private static final StampedValue V = new StampedValue(3, 20);

  private static Contents with(long key, StampedValue v) {
    List<SortedMap<Long, StampedValue>> maps = new ArrayList<>(Contents.empty().maps());
    TreeMap<Long, StampedValue> m0 = new TreeMap<>();
    m0.put(key, v);
    maps.set(0, m0);
    return new Contents(maps);
  }

  @Test
  void aCommitWithoutSyncMayBeLostButASyncKeepsIt() {
    H2Model m = new H2Model();
    assertNull(m.apply(new H2Op.Put(0, 1, V), NOTHING));
    assertNull(m.apply(new H2Op.Commit(), STORED));
    Versions v = (Versions) m.committed();
    assertEquals(List.of(Contents.empty(), with(1, V)), v.allowed());
    assertNull(m.diff(v, Contents.empty()));
    assertNull(m.diff(v, with(1, V)));
    assertNull(m.apply(new H2Op.Sync(), NOTHING));
    assertEquals(List.of(with(1, V)), ((Versions) m.committed()).allowed());
    String d = m.diff(m.committed(), Contents.empty());
    assertTrue(d.contains("map0[1] expected 3:20, got null"), d);
  }

  @Test
  void reopenMakesTheOpenVersionDurableAndUncommittedChangesAreNeverAllowed() {
    H2Model m = new H2Model();
    m.apply(new H2Op.Put(0, 1, V), NOTHING);
    assertEquals(List.of(Contents.empty()), ((Versions) m.committed()).allowed());
    m.apply(new H2Op.Reopen(), STORED);
    assertEquals(List.of(with(1, V)), ((Versions) m.committed()).allowed());
    m.apply(new H2Op.Remove(0, 1), NOTHING);
    m.apply(new H2Op.Compact(), STORED);
    assertEquals(List.of(with(1, V), Contents.empty()), ((Versions) m.committed()).allowed());
  }

  @Test
  void theEngineMayNotStoreOnAPutNorSkipACommitWithChanges() {
    H2Model m = new H2Model();
    assertEquals(
        "stored a version, but auto-commit is disabled", m.apply(new H2Op.Put(0, 1, V), STORED));
    H2Model n = new H2Model();
    n.apply(new H2Op.Put(0, 1, V), NOTHING);
    String d = n.apply(new H2Op.Commit(), NOTHING);
    assertTrue(d.startsWith("commit stored nothing"), d);
    assertTrue(
        new H2Model()
            .apply(new H2Op.Sync(), Outcome.failed(new IllegalStateException("x")))
            .startsWith("expected ok"));
    assertNull(new H2Model().apply(new H2Op.Commit(), NOTHING), "expected nothing to commit");
  }

  @Test
  void aRecoveryIsContentsNeverVersions() {
    H2Model m = new H2Model();
    assertThrows(IllegalArgumentException.class, () -> m.diff(m.committed(), m.committed()));
    assertNull(m.diff(Contents.empty(), Contents.empty()));
  }

  @Seeded
  @Test
  void everyWorkloadLineRoundTripsThroughTheCodec(long seed) {
    for (H2Op op : new H2Workloads(5).generate(seed, 200)) {
      assertEquals(op, H2Op.CODEC.parse(H2Op.CODEC.format(op)));
    }
    for (H2Op op : H2Workloads.vocabulary()) {
      assertEquals(op, H2Op.CODEC.parse(H2Op.CODEC.format(op)));
    }
    assertEquals(
        "put map2 7 5:5000", H2Op.CODEC.format(new H2Op.Put(2, 7, new StampedValue(5, 5000))));
  }

  @Test
  void malformedLinesAreRefusedSayingWhy() {
    for (String bad :
        List.of("put map3 1 1:8", "put map0 x 1:8", "put map0 1 18", "sync now", "grow")) {
      assertThrows(IllegalArgumentException.class, () -> H2Op.CODEC.parse(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new StampedValue(1, 4));
  }

  @Test
  void valuesNameThemselvesAndAnythingElseDecodesToNull() {
    byte[] b = new StampedValue(9, 4096).bytes();
    assertEquals(new StampedValue(9, 4096), StampedValue.decode(b));
    b[2000] ^= 1;
    assertNull(StampedValue.decode(b));
    assertNull(StampedValue.decode(new byte[4]));
    assertNull(StampedValue.decode(new byte[64]), "zeros claim length 0, not 64");
  }

  @Test
  void specsNameTheRetention() {
    assertEquals("h2", H2Subject.fromSpec("h2").spec());
    assertEquals("h2 retention=0", H2Subject.fromSpec("h2 retention=0").spec());
    assertThrows(IllegalArgumentException.class, () -> H2Subject.fromSpec("h2 bugs=x"));
    assertThrows(IllegalArgumentException.class, () -> H2Subject.fromSpec("lucene"));
    assertEquals(H2OpKind.COMPACT, new H2Subject().kindOf(new H2Op.Compact()));
    assertEquals(6, new H2Subject().operationKinds().size());
  }
}
