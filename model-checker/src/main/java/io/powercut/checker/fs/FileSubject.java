package io.powercut.checker.fs;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.OperationKind;
import io.powercut.checker.Recovery;
import io.powercut.fs.CrashFileSystem;
import java.io.IOException;
import java.util.List;

/**
 * An engine that keeps its data in files, plugged into the checker at the file level: the sibling
 * of {@link io.powercut.checker.Subject} for engines written on top of a file system (H2 MVStore,
 * Lucene, ...). The checker runs the engine on a {@link CrashFileSystem} that logs every file
 * operation, cuts the power after every one of them, materializes every file system a power loss
 * may leave under the chosen {@link io.powercut.fs.PersistenceMode}, and asks the subject to
 * recover from each. Everything else is the block level's: operations, {@link Engine}, {@link
 * Model}, {@link Recovery}, {@link OperationCodec}.
 *
 * @param <O> the engine's operations
 * @param <S> the state a recovery reads back, compared with the model's
 */
public interface FileSubject<O, S> {
  /** A short name, e.g. "h2"; reproducer files name their subject with it. */
  String name();

  /** The subject with its parameters, e.g. "h2 version=2.3.232": what replay rebuilds. */
  default String spec() {
    return name();
  }

  /**
   * Lays out the files every workload starts from (e.g. creates an empty store and closes it) on a
   * fresh file system. What it leaves, all of it durable, is the initial image; nothing it does is
   * crash-checked.
   */
  void prepare(CrashFileSystem fs) throws IOException;

  /** Starts the engine on the file system a workload runs on, holding the initial image. */
  Engine<O> start(CrashFileSystem fs) throws IOException;

  /**
   * Recovers the engine from a file system a power loss left (a fresh one, the subject's to write)
   * and reads back everything the model can predict. Corruption is reported in the result, not
   * thrown; an exception thrown here is a bug in the engine's recovery and becomes a finding.
   */
  Recovery<S> recover(CrashFileSystem fs) throws IOException;

  /** A model in the state of the initial image. */
  Model<O, S> newModel();

  /** Reads and writes operations as text, for reproducer files. */
  OperationCodec<O> codec();

  /** Every kind of operation the workloads may run, for the coverage table (empty: none). */
  default List<? extends OperationKind> operationKinds() {
    return List.of();
  }

  /** The kind of {@code op}, one of {@link #operationKinds()}, or null. */
  default OperationKind kindOf(O op) {
    return null;
  }
}
