package io.powercut.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The replay rules: an operation that no longer fits the crash image is skipped. */
class InodeTreeTest {
  private static final long ROOT = InodeTree.ROOT;
  private final InodeTree tree = new InodeTree();

  private void apply(FileOp op) {
    tree.apply(op, null);
  }

  private Set<String> paths() {
    FsImage image = tree.toImage();
    TreeSet<String> all = new TreeSet<>(image.directories());
    all.addAll(image.files());
    return all;
  }

  @Test
  void operationsWithoutTheirPremiseAreSkipped() {
    apply(new FileOp.Write(9, 0, new byte[] {1}));
    apply(new FileOp.Truncate(9, 0));
    apply(new FileOp.Create("/d/f", 5, 9));
    apply(new FileOp.Delete("/x", ROOT, 9));
    apply(new FileOp.Rename("/x", ROOT, "/y", ROOT, 9, false));
    assertEquals(Set.of("/"), paths());
  }

  @Test
  void directoriesKeepTheirRules() {
    apply(new FileOp.Mkdir("/d", ROOT, 2));
    apply(new FileOp.Mkdir("/d/e", 2, 3));
    apply(new FileOp.Create("/f", ROOT, 4));
    apply(new FileOp.Mkdir("/d", ROOT, 7));
    apply(new FileOp.Create("/d", ROOT, 8));
    apply(new FileOp.Delete("/d", ROOT, 2));
    apply(new FileOp.Rename("/f", ROOT, "/d", ROOT, 4, true));
    apply(new FileOp.Rename("/d", ROOT, "/d/e/d", 3, 2, false));
    apply(new FileOp.Mkdir("/g", ROOT, 5));
    apply(new FileOp.Rename("/g", ROOT, "/d", ROOT, 5, true));
    apply(new FileOp.Rename("/g", ROOT, "/f", ROOT, 5, true));
    apply(new FileOp.Rename("/f", ROOT, "/f", ROOT, 4, false));
    assertEquals(Set.of("/", "/d", "/d/e", "/f", "/g"), paths(), "every one of them skipped");
    apply(new FileOp.Rename("/d", ROOT, "/g/d", 5, 2, false));
    assertEquals(Set.of("/", "/g", "/g/d", "/g/d/e", "/f"), paths(), "a directory moves whole");
    apply(new FileOp.Delete("/g/d/e", 2, 3));
    apply(new FileOp.Mkdir("/h", ROOT, 6));
    apply(new FileOp.Rename("/h", ROOT, "/g/d", 5, 6, true));
    assertEquals(Set.of("/", "/g", "/g/d", "/f"), paths(), "an empty directory is replaced");
  }

  @Test
  void aCreateOverALostDeleteTakesTheName() {
    apply(new FileOp.Create("/f", ROOT, 2));
    apply(new FileOp.Write(2, 0, new byte[] {1}));
    apply(new FileOp.Create("/f", ROOT, 3));
    assertArrayEquals(new byte[0], tree.toImage().read("/f").orElseThrow());
  }

  @Test
  void copiesShareBytesUntilOneWrites() {
    apply(new FileOp.Create("/f", ROOT, 2));
    apply(new FileOp.Write(2, 0, new byte[] {1, 2, 3}));
    InodeTree copy = tree.copy();
    copy.apply(new FileOp.Write(2, 1, new byte[] {9}), null);
    copy.apply(new FileOp.Truncate(2, 1), null);
    copy.apply(new FileOp.Write(2, 2, new byte[] {5}), null);
    assertArrayEquals(new byte[] {1, 2, 3}, tree.toImage().read("/f").orElseThrow());
    assertArrayEquals(new byte[] {1, 0, 5}, copy.toImage().read("/f").orElseThrow());
  }

  @Test
  void aTornWriteLandsOnlyItsMaskedSectors() {
    apply(new FileOp.Create("/f", ROOT, 2));
    byte[] bytes = new byte[1024];
    Arrays.fill(bytes, (byte) 7);
    tree.apply(new FileOp.Write(2, 256, bytes), BigInteger.valueOf(0b101));
    byte[] f = tree.toImage().read("/f").orElseThrow();
    assertEquals(1280, f.length);
    assertEquals(7, f[256]);
    assertEquals(0, f[600]);
    assertEquals(7, f[1100]);
    assertFalse(tree.toImage().exists("/g"));
    assertTrue(tree.toImage().exists("/f"));
  }

  @Test
  void filesBeyondTheLimitAreRefused() {
    apply(new FileOp.Create("/f", ROOT, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> apply(new FileOp.Write(2, InodeTree.MAX_FILE_SIZE, new byte[] {1})));
    assertThrows(IllegalArgumentException.class, () -> new FileOp.Write(2, -1, new byte[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new FileOp.Write(2, 0, new byte[0]));
  }
}
