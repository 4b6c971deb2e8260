package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.powercut.thin.target.ThinPoolException.Reason;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A pool without free data blocks: typed errors for writes that need one, the rest served. */
class OutOfDataSpaceTest {
  @Test
  void aWriteThatNeedsABlockFailsTypedAndTheRestIsServed() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 2)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      v.write(0, filled(1));
      v.write(4, filled(2));
      ThinPoolException e = assertThrows(ThinPoolException.class, () -> v.write(8, filled(3)));
      assertEquals(Reason.NO_DATA_SPACE, e.reason());
      assertEquals(PoolMode.OUT_OF_DATA_SPACE, rig.pool.mode());
      assertEquals(2, rig.pool.metadata().mappedCount(0), "nothing half-done");
      v.write(1, filled(4));
      assertArrayEquals(filled(4), read(v, 1));
      assertArrayEquals(new byte[Rig.BLOCK], read(v, 8));
      v.flush();
      // Breaking sharing needs a block too.
      rig.pool.createSnapshot(1, 0);
      assertEquals(
          Reason.NO_DATA_SPACE,
          assertThrows(ThinPoolException.class, () -> v.write(0, filled(5))).reason());
    }
  }

  @Test
  void aCommitThatFreedBlocksEndsTheMode() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 2)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      v.write(0, filled(1));
      v.write(4, filled(2));
      assertThrows(ThinPoolException.class, () -> v.write(8, filled(3)));
      v.discard(0, 4);
      assertEquals(
          Reason.NO_DATA_SPACE,
          assertThrows(ThinPoolException.class, () -> v.write(8, filled(3))).reason(),
          "freed blocks come back only at a commit");
      v.flush();
      assertEquals(PoolMode.WRITE, rig.pool.mode());
      v.write(8, filled(3));
      assertArrayEquals(filled(3), read(v, 8));
    }
  }
}
