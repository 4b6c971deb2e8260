package io.powercut.checker.thinvolume;

import io.powercut.checker.OperationKind;
import java.util.Locale;

/**
 * The kinds of {@link VolumeOp}, the rows of the thin-volume subject's coverage table. A write is
 * told apart by what the pool must do with it: part of a data block (zeroing or copying the rest of
 * a new one) or whole data blocks (provisioned by overwriting them), with FUA or not.
 */
public enum VolumeOpKind implements OperationKind {
  WRITE_PARTIAL,
  WRITE_WHOLE_BLOCK,
  FUA_PARTIAL,
  FUA_WHOLE_BLOCK,
  FLUSH,
  DISCARD,
  CREATE_THIN,
  CREATE_SNAP,
  DELETE,
  TICK;

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of {@code op}. */
  public static VolumeOpKind of(VolumeOp op) {
    if (op instanceof VolumeOp.Write w) {
      int k = ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK;
      boolean whole = w.block() % k == 0 && w.blocks() % k == 0;
      if (w.fua()) {
        return whole ? FUA_WHOLE_BLOCK : FUA_PARTIAL;
      }
      return whole ? WRITE_WHOLE_BLOCK : WRITE_PARTIAL;
    } else if (op instanceof VolumeOp.Flush) {
      return FLUSH;
    } else if (op instanceof VolumeOp.Discard) {
      return DISCARD;
    } else if (op instanceof VolumeOp.Create) {
      return CREATE_THIN;
    } else if (op instanceof VolumeOp.Snapshot) {
      return CREATE_SNAP;
    } else if (op instanceof VolumeOp.Delete) {
      return DELETE;
    }
    return TICK;
  }
}
