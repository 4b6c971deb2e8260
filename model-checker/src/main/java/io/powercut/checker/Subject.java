package io.powercut.checker;

import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.util.List;

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
   * The second judge of the images of every device ({@link #secondOpinion(BlockDevice)} for a
   * subject of one device; a subject of several has none unless it says so).
   */
  default String secondOpinion(List<? extends BlockDevice> images) throws IOException {
    return images.size() == 1 ? secondOpinion(images.get(0)) : null;
  }

  /**
   * Whether the engine claims to detect media damage (misdirected writes, bit rot) on {@code
   * device}, one of {@link #initialImages()}'s indices. dm-thin checksums its metadata, not the
   * data users store: the search shows such a subject no damaged state of an unguarded device,
   * which would prove only that the device lies. Torn writes stay: a sector holds its old or new
   * data.
   */
  default boolean guardsAgainstDamage(int device) {
    return true;
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

  /**
   * A fresh device holding the image every workload starts from (e.g. a formatted engine). A
   * subject of several devices implements {@link #initialImages()} instead.
   */
  default BlockDevice initialImage() throws IOException {
    throw new UnsupportedOperationException(name() + " runs on several devices: use initialImages");
  }

  /**
   * Fresh devices holding the images every workload starts from, one per device, device 0 first:
   * how many there are is how many devices the subject runs on.
   */
  default List<BlockDevice> initialImages() throws IOException {
    return List.of(initialImage());
  }

  /** Starts the engine on the device a workload runs on (a subject of one device). */
  default Engine<O> start(BlockDevice device) throws IOException {
    throw new UnsupportedOperationException(name() + " runs on several devices: use start(List)");
  }

  /** Starts the engine on the devices a workload runs on, one per {@link #initialImages()}. */
  default Engine<O> start(List<? extends BlockDevice> devices) throws IOException {
    requireOne(devices);
    return start(devices.get(0));
  }

  /**
   * Recovers the engine from an image left by a power loss and reads back everything the model can
   * predict. Corruption is reported in the result, not thrown; an exception thrown here is a bug in
   * the engine's recovery and becomes a finding.
   */
  default Recovery<S> recover(BlockDevice image) throws IOException {
    throw new UnsupportedOperationException(name() + " runs on several devices: use recover(List)");
  }

  /**
   * Recovers from the images one power loss left on every device, indexed as {@link
   * #initialImages()}; as {@link #recover(BlockDevice)} otherwise.
   */
  default Recovery<S> recover(List<? extends BlockDevice> images) throws IOException {
    requireOne(images);
    return recover(images.get(0));
  }

  /** A model in the state of {@link #initialImages()}. */
  Model<O, S> newModel();

  /** Reads and writes operations as text, for reproducer files. */
  OperationCodec<O> codec();

  private void requireOne(List<? extends BlockDevice> devices) {
    if (devices.size() != 1) {
      throw new IllegalArgumentException(
          name() + " runs on one device, given " + devices.size() + ": implement the List forms");
    }
  }
}
