package io.powercut.checker.thin;

import io.powercut.checker.OperationKind;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every kind of {@link ThinOp}: its word in reproducer files (named after the pool target's
 * messages or the dm-thin-metadata call), and the {@code PoolMetadata} methods it calls. The
 * coverage table counts by kind; {@code ThinApiTest} checks that these methods and {@link
 * ThinApi#OUT_OF_SCOPE} together are every public method of the engine.
 */
public enum ThinOpKind implements OperationKind {
  CREATE_THIN("create_thin", ThinOp.CreateThin.class, "createThin"),
  CREATE_SNAP("create_snap", ThinOp.CreateSnap.class, "createSnapshot"),
  DELETE("delete", ThinOp.Delete.class, "deleteDevice"),
  WRITE("write", ThinOp.Write.class, "allocDataBlock", "insertBlock"),
  REMOVE("remove", ThinOp.Remove.class, "removeBlock"),
  ALLOC("alloc", ThinOp.Alloc.class, "allocDataBlock"),
  COMMIT("commit", ThinOp.Commit.class, "commit"),
  ABORT("abort", ThinOp.Abort.class, "abort"),
  SET_TRANSACTION_ID("set_transaction_id", ThinOp.SetTransactionId.class, "setTransactionId"),
  RESERVE_SNAP("reserve_metadata_snap", ThinOp.ReserveSnap.class, "reserveMetadataSnapshot"),
  RELEASE_SNAP("release_metadata_snap", ThinOp.ReleaseSnap.class, "releaseMetadataSnapshot"),
  RESIZE("resize_data", ThinOp.Resize.class, "resizeDataDevice"),
  REOPEN("reopen", ThinOp.Reopen.class, "close", "open"),
  SET_NEEDS_CHECK("set_needs_check", ThinOp.SetNeedsCheck.class, "setNeedsCheck"),
  OPEN_THIN("open_thin", ThinOp.OpenThin.class, "openThinDevice"),
  CLOSE_THIN("close_thin", ThinOp.CloseThin.class, "closeThinDevice"),
  LOOKUP("lookup", ThinOp.Lookup.class, "findBlock"),
  LOOKUP_NONBLOCKING("lookup_nonblocking", ThinOp.LookupNonBlocking.class, "findBlockNonBlocking"),
  HIGHEST_MAPPED("highest_mapped", ThinOp.HighestMapped.class, "highestMappedBlock"),
  MAPPED_COUNT("mapped_count", ThinOp.MappedCount.class, "mappedCount"),
  DEVICE_EXISTS("device_exists", ThinOp.DeviceExists.class, "deviceExists"),
  FREE_DATA_BLOCKS("free_data_blocks", ThinOp.FreeDataBlocks.class, "freeDataBlocks"),
  FREE_METADATA_BLOCKS(
      "free_metadata_blocks", ThinOp.FreeMetadataBlocks.class, "freeMetadataBlocks"),
  DATA_DEV_SIZE("data_dev_size", ThinOp.DataDeviceSize.class, "dataDeviceSize"),
  METADATA_DEV_SIZE("metadata_dev_size", ThinOp.MetadataDeviceSize.class, "metadataDeviceSize"),
  DATA_BLOCK_SIZE("data_block_size", ThinOp.DataBlockSize.class, "dataBlockSize"),
  TRANSACTION_ID("transaction_id", ThinOp.TransactionId.class, "transactionId"),
  HELD_METADATA_ROOT("held_metadata_root", ThinOp.HeldMetadataRoot.class, "metadataSnapshot"),
  TIME("time", ThinOp.Time.class, "time"),
  NEEDS_CHECK("needs_check", ThinOp.NeedsCheck.class, "needsCheck"),
  POOL_CHANGED("pool_changed", ThinOp.PoolChanged.class, "changedThisTransaction"),
  THIN_CHANGED("thin_changed", ThinOp.ThinChanged.class, "changedThisTransaction"),
  THIN_ABORTED_CHANGES("thin_aborted_changes", ThinOp.ThinAbortedChanges.class, "abortedChanges");

  private final String word;
  private final Class<? extends ThinOp> type;
  private final List<String> engineMethods;
  private final MethodHandle constructor;
  private final MethodHandle[] accessors;

  ThinOpKind(String word, Class<? extends ThinOp> type, String... engineMethods) {
    this.word = word;
    this.type = type;
    this.engineMethods = List.of(engineMethods);
    RecordComponent[] components = type.getRecordComponents();
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      Class<?>[] params = new Class<?>[components.length];
      accessors = new MethodHandle[components.length];
      for (int i = 0; i < components.length; i++) {
        params[i] = long.class;
        accessors[i] = lookup.unreflect(components[i].getAccessor());
      }
      constructor =
          lookup
              .findConstructor(type, MethodType.methodType(void.class, params))
              .asSpreader(Object[].class, params.length);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final Map<Class<?>, ThinOpKind> BY_TYPE = new HashMap<>();
  private static final Map<String, ThinOpKind> BY_WORD = new HashMap<>();

  static {
    for (ThinOpKind k : values()) {
      BY_TYPE.put(k.type, k);
      BY_WORD.put(k.word, k);
    }
  }

  /** The word that starts the operation's line in a reproducer, e.g. {@code create_thin}. */
  @Override
  public String id() {
    return word;
  }

  /** The {@code PoolMetadata} methods this operation calls. */
  public List<String> engineMethods() {
    return engineMethods;
  }

  public boolean isQuery() {
    return ThinOp.Query.class.isAssignableFrom(type);
  }

  public static ThinOpKind of(ThinOp op) {
    return BY_TYPE.get(op.getClass());
  }

  /** The kind whose word is {@code word}, or null. */
  static ThinOpKind byWord(String word) {
    return BY_WORD.get(word);
  }

  int arity() {
    return accessors.length;
  }

  long[] args(ThinOp op) {
    long[] out = new long[accessors.length];
    try {
      for (int i = 0; i < out.length; i++) {
        out[i] = (long) accessors[i].invoke(op);
      }
    } catch (Throwable t) {
      throw new IllegalStateException("reading " + op, t);
    }
    return out;
  }

  ThinOp make(long[] args) {
    try {
      return (ThinOp) constructor.invoke(Arrays.stream(args).boxed().toArray());
    } catch (Throwable t) {
      throw new IllegalStateException("making " + word + " " + Arrays.toString(args), t);
    }
  }
}
