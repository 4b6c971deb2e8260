package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageSignatureTest {
  private static ImageSignature of(long... pairs) {
    return new ImageSignature(pairs);
  }

  private static final long B3 = DistinctImages.key(0, 3);
  private static final long B7 = DistinctImages.key(0, 7);
  private static final long D1B3 = DistinctImages.key(1, 3);

  @Test
  void aBlockDiffersOnlyWhereItsClassesDiffer() {
    ImageSignature a = of(B3, 1, B7, 2);
    ImageSignature b = of(B3, 1, B7, 3);
    assertTrue(a.sameWhere(b, (d, block) -> block == 3));
    assertFalse(a.sameWhere(b, (d, block) -> block == 7));
  }

  @Test
  void aBlockOnlyOneSideOverlaysDiffersFromTheBase() {
    ImageSignature base = of();
    ImageSignature over = of(B7, 1);
    assertFalse(base.sameWhere(over, (d, block) -> block == 7));
    assertFalse(over.sameWhere(base, (d, block) -> block == 7));
    assertTrue(over.sameWhere(base, (d, block) -> block != 7));
  }

  @Test
  void blocksAreNamedWithTheirDevice() {
    ImageSignature a = of(B3, 1);
    ImageSignature b = of(D1B3, 1);
    assertFalse(a.sameWhere(b, (d, block) -> d == 1));
    assertFalse(a.sameWhere(b, (d, block) -> d == 0));
    assertTrue(a.sameWhere(b, (d, block) -> block != 3));
  }
}
