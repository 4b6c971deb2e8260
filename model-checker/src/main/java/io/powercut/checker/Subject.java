package io.powercut.checker;

import io.powercut.device.BlockDevice;
import java.io.IOException;

/**
 * A storage engine plugged into the checker: the one interface an engine implements (with a {@link
 * Model} of what it promises) to be crash-checked. The checker never looks inside the engine; it
 * runs operations over a {@link BlockDevice} that records every IO, cuts the power at every point,
 * and asks the subject to recover from each resulting image.
 *
 * @param <O> the engine's operations
 * @param <S> the engine state a recovery reads back, compared with the model's
 */
public interface Subject<O, S> {
  /** A short name, e.g. "dm-thin"; reproducer files name their subject with it. */
  String name();

  /**
   * The subject with its parameters, e.g. "dm-thin bugs=superblock-before-flush": what a reproducer
   * file records so that replay builds the same subject.
   */
  default String spec() {
    return name();
  }

  /**
   * An operation the engine must refuse once an IO error has failed it (it must not commit on top
   * of a failed write), or null if the subject has none.
   */
  default O probeAfterFailure() {
    return null;
  }

  /**
   * A second, independent judge of an image the checker found clean (for dm-thin, the real
   * thin_check): null if it agrees, else its complaint.
   */
  default String secondOpinion(BlockDevice image) throws IOException {
    return null;
  }

  /**
   * Every kind of operation the workloads may run, for the coverage table (empty: the subject names
   * none, and no table is kept).
   */
  default java.util.List<? extends OperationKind> operationKinds() {
    return java.util.List.of();
  }

  /** The kind of {@code op}, one of {@link #operationKinds()}, or null. */
  default OperationKind kindOf(O op) {
    return null;
  }

  /** A fresh device holding the image every workload starts from (e.g. a formatted engine). */
  BlockDevice initialImage() throws IOException;

  /** Starts the engine on the device a workload runs on. */
  Engine<O> start(BlockDevice device) throws IOException;

  /**
   * Recovers the engine from an image left by a power loss and reads back everything the model can
   * predict. Corruption is reported in the result, not thrown; an exception thrown here is a bug in
   * the engine's recovery and becomes a finding.
   */
  Recovery<S> recover(BlockDevice image) throws IOException;

  /** A model in the state of {@link #initialImage()}. */
  Model<O, S> newModel();

  /** Reads and writes operations as text, for reproducer files. */
  OperationCodec<O> codec();
}
