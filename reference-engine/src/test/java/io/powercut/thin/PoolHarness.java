package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.NoSpaceException;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs {@link PoolOp}s on a {@link PoolMetadata} and on a {@link ExpectedPool} side by side. Valid
 * operations must do what the model does; invalid ones must be refused with the right reason and
 * change nothing; an operation refused for lack of metadata space must change nothing either. After
 * every step the pool's whole visible state is compared with the model, and after every commit the
 * image itself is audited ({@link PoolAudit}) and compared with the committed model.
 */
final class PoolHarness {
  /** Called with the harness after each commit the workload makes. */
  interface CommitHook {
    void committed(PoolHarness h) throws IOException;
  }

  private static final long MISSING = 1_000_000;

  final BlockDevice device;
  final int cacheBlocks;
  PoolMetadata pool;
  ExpectedPool model;
  ExpectedPool committed;

  /** The data blocks in use at the last commit, and so not allocatable before the next. */
  private Set<Long> committedUsed;

  private final CommitHook hook;
  int metadataRefusals;
  int dataRefusals;
  int commits;

  /** A harness over a pool opened on an existing image that holds exactly {@code model}. */
  PoolHarness(BlockDevice device, ExpectedPool model, int cacheBlocks, CommitHook hook)
      throws IOException {
    this.device = device;
    this.cacheBlocks = cacheBlocks;
    this.hook = hook;
    this.pool = PoolMetadata.open(device, Bugs.NONE, cacheBlocks);
    this.model = model;
    this.committed = model.committed();
    this.committedUsed = committed.usedDataBlocks();
    compare();
  }

  PoolHarness(BlockDevice device, long dataBlocks, int cacheBlocks, CommitHook hook)
      throws IOException {
    this.device = device;
    this.cacheBlocks = cacheBlocks;
    this.hook = hook;
    this.pool =
        PoolMetadata.create(
            device, new PoolMetadata.Format(128, dataBlocks), Bugs.NONE, cacheBlocks);
    this.model = new ExpectedPool(dataBlocks);
    this.committed = model.committed();
    this.committedUsed = Set.of();
    compare();
    committedNow();
  }

  /** The audit every commit gets: the image holds exactly the committed model. */
  static void audit(PoolHarness h) throws IOException {
    PoolAudit.Image image = PoolAudit.audit(h.device, h.committed.orphans);
    ExpectedPool m = h.committed;
    assertEquals(m.transactionId, image.superblock().transactionId(), "committed transaction id");
    assertEquals(m.time, image.superblock().time(), "committed time");
    assertEquals(m.dataSize, image.superblock().dataSpaceMapRoot().nrBlocks(), "data size");
    assertImageHolds(m.devices, image.devices(), "committed");
    assertEquals(m.held != null, image.held() != null, "metadata snapshot held");
    if (m.held != null) {
      assertImageHolds(m.held, image.held(), "metadata snapshot");
    }
  }

  private static void assertImageHolds(
      Map<Long, ExpectedPool.Device> want, Map<Long, PoolAudit.Device> got, String what) {
    assertEquals(want.keySet(), got.keySet(), what + " devices");
    want.forEach(
        (id, d) -> {
          assertEquals(d.details(), got.get(id).details(), what + " details of " + id);
          assertEquals(d.mappings, got.get(id).mappings(), what + " mappings of " + id);
        });
  }

  private void committedNow() throws IOException {
    committed = model.committed();
    committedUsed = committed.usedDataBlocks();
    model = committed.copy();
    commits++;
    hook.committed(this);
  }

  /** One target in ten (or every one, without devices) names a device that does not exist. */
  private long resolve(int target) {
    List<Long> ids = new ArrayList<>(model.devices.keySet());
    return ids.isEmpty() || target % 10 == 0 ? MISSING + target : ids.get(target % ids.size());
  }

  private void refused(Reason reason, Executable action) {
    PoolOperationException e = assertThrows(PoolOperationException.class, action);
    assertEquals(reason, e.reason(), e.getMessage());
  }

  /** Runs a valid change; a refusal for lack of metadata leaves the model as it is. */
  private boolean attempt(Executable action) throws IOException {
    try {
      action.execute();
      return true;
    } catch (NoSpaceException e) {
      assertEquals(NoSpaceException.Space.METADATA, e.space(), e.getMessage());
      metadataRefusals++;
      return false;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** Whether some block is free now and was free at the last commit (slow: used rarely). */
  private boolean anyAllocatable() {
    for (long b = 0; b < model.dataSize; b++) {
      if (!model.isUsed(b) && !committedUsed.contains(b)) {
        return true;
      }
    }
    return false;
  }

  private void map(long dev, long vblock) throws IOException {
    if (!model.devices.containsKey(dev)) {
      refused(Reason.NO_SUCH_DEVICE, () -> pool.insertBlock(dev, vblock, 0));
      return;
    }
    long b;
    try {
      b = pool.allocDataBlock();
    } catch (NoSpaceException e) {
      if (e.space() == NoSpaceException.Space.METADATA) {
        metadataRefusals++;
      } else {
        assertFalse(anyAllocatable(), "no data space, but a block is free: " + e.getMessage());
        dataRefusals++;
      }
      return;
    }
    assertFalse(model.isUsed(b), "allocated data block " + b + " is in use");
    assertFalse(committedUsed.contains(b), "allocated " + b + " was in use at the last commit");
    assertTrue(b < model.dataSize, "allocated " + b + " beyond the device");
    model.allocatedThisTransaction++;
    if (attempt(() -> pool.insertBlock(dev, vblock, b))) {
      model.map(dev, vblock, b);
    } else {
      model.orphans.add(b);
    }
  }

  private void remove(long dev, long vblock) throws IOException {
    if (!model.devices.containsKey(dev)) {
      refused(Reason.NO_SUCH_DEVICE, () -> pool.removeBlock(dev, vblock));
      return;
    }
    boolean present = model.devices.get(dev).mappings.containsKey(vblock);
    boolean[] removed = new boolean[1];
    if (attempt(() -> removed[0] = pool.removeBlock(dev, vblock))) {
      assertEquals(present, removed[0], "removeBlock result");
      model.unmap(dev, vblock);
    }
  }

  void apply(PoolOp op) throws IOException {
    if (op instanceof PoolOp.CreateThin o) {
      if (o.dev() > PoolMetadata.MAX_DEVICE_ID) {
        refused(Reason.BAD_ARGUMENT, () -> pool.createThin(o.dev()));
      } else if (model.devices.containsKey(o.dev())) {
        refused(Reason.DEVICE_EXISTS, () -> pool.createThin(o.dev()));
      } else if (attempt(() -> pool.createThin(o.dev()))) {
        model.createThin(o.dev());
      }
    } else if (op instanceof PoolOp.CreateSnapshot o) {
      long origin = resolve(o.origin());
      if (model.devices.containsKey(o.dev())) {
        refused(Reason.DEVICE_EXISTS, () -> pool.createSnapshot(o.dev(), origin));
      } else if (!model.devices.containsKey(origin)) {
        refused(Reason.NO_SUCH_DEVICE, () -> pool.createSnapshot(o.dev(), origin));
      } else if (attempt(() -> pool.createSnapshot(o.dev(), origin))) {
        model.createSnapshot(o.dev(), origin);
      }
    } else if (op instanceof PoolOp.Delete o) {
      long dev = resolve(o.target());
      if (!model.devices.containsKey(dev)) {
        refused(Reason.NO_SUCH_DEVICE, () -> pool.deleteDevice(dev));
      } else if (attempt(() -> pool.deleteDevice(dev))) {
        model.deleteDevice(dev);
      }
    } else if (op instanceof PoolOp.Map o) {
      map(resolve(o.target()), o.vblock());
    } else if (op instanceof PoolOp.MapRun o) {
      long dev = resolve(o.target());
      for (int i = 0; i < o.count() && (i == 0 || model.devices.containsKey(dev)); i++) {
        map(dev, o.start() + i);
      }
    } else if (op instanceof PoolOp.BadInsert o) {
      badInsert(resolve(o.target()), o.kind());
    } else if (op instanceof PoolOp.Remove o) {
      remove(resolve(o.target()), o.vblock());
    } else if (op instanceof PoolOp.RemoveRun o) {
      long dev = resolve(o.target());
      for (int i = 0; i < o.count() && (i == 0 || model.devices.containsKey(dev)); i++) {
        remove(dev, o.start() + i);
      }
    } else if (op instanceof PoolOp.SetTransactionId o) {
      if (o.valid()) {
        pool.setTransactionId(model.transactionId, o.next());
        model.transactionId = o.next();
      } else {
        refused(
            Reason.BAD_TRANSACTION_ID,
            () -> pool.setTransactionId(model.transactionId + 1, o.next()));
      }
    } else if (op instanceof PoolOp.Reserve) {
      if (model.held != null) {
        refused(Reason.SNAPSHOT_EXISTS, pool::reserveMetadataSnapshot);
      } else if (attempt(pool::reserveMetadataSnapshot)) {
        model.hold();
        committedNow();
      }
    } else if (op instanceof PoolOp.Release) {
      if (model.held == null) {
        refused(Reason.NO_SNAPSHOT, pool::releaseMetadataSnapshot);
      } else if (attempt(pool::releaseMetadataSnapshot)) {
        model.release();
        committedNow();
      }
    } else if (op instanceof PoolOp.Resize o) {
      long size = model.dataSize + o.by();
      if (size < 0) {
        refused(Reason.BAD_ARGUMENT, () -> pool.resizeDataDevice(size));
      } else if (o.by() < 0) {
        refused(Reason.SHRINK, () -> pool.resizeDataDevice(size));
      } else if (attempt(() -> pool.resizeDataDevice(size))) {
        model.dataSize = size;
      }
    } else if (op instanceof PoolOp.Commit) {
      pool.commit();
      committedNow();
    } else if (op instanceof PoolOp.Abort) {
      pool.abort();
      model = committed.copy();
    } else if (op instanceof PoolOp.Reopen) {
      pool.close();
      pool = PoolMetadata.open(device, Bugs.NONE, cacheBlocks);
      committedNow();
    } else if (op instanceof PoolOp.Crash) {
      pool = PoolMetadata.open(device, Bugs.NONE, cacheBlocks);
      model = committed.copy();
    }
    compare();
  }

  private void badInsert(long dev, int kind) throws IOException {
    if (!model.devices.containsKey(dev)) {
      refused(Reason.NO_SUCH_DEVICE, () -> pool.insertBlock(dev, 0, 0));
      return;
    }
    long block = model.dataSize;
    if (kind == 0) {
      for (long b = 0; b < model.dataSize; b++) {
        if (!model.isUsed(b)) {
          block = b;
          break;
        }
      }
    }
    long b = block;
    refused(Reason.BAD_DATA_BLOCK, () -> pool.insertBlock(dev, 0, b));
  }

  /** The pool's whole visible state equals the model's. */
  void compare() throws IOException {
    assertFalse(pool.isFailed(), "the pool failed");
    assertEquals(new ArrayList<>(model.devices.keySet()), pool.devices(), "devices");
    for (Map.Entry<Long, ExpectedPool.Device> e : model.devices.entrySet()) {
      long dev = e.getKey();
      ExpectedPool.Device d = e.getValue();
      assertTrue(pool.deviceExists(dev));
      assertEquals(d.details(), pool.details(dev), "details of " + dev);
      assertEquals(d.mappings.size(), pool.mappedCount(dev));
      TreeMap<Long, Mapping> got = new TreeMap<>();
      pool.forEachMapping(dev, (v, m) -> assertNull(got.put(v, m), "vblock visited twice"));
      TreeMap<Long, Mapping> want = new TreeMap<>();
      d.mappings.keySet().forEach(v -> want.put(v, d.mapping(v)));
      assertEquals(want, got, "mappings of " + dev);
      // The leaf-at-a-time walk gives the same mappings, ascending, as block_time values.
      TreeMap<Long, Long> blockTimes = new TreeMap<>();
      pool.forEachBlockTime(
          dev,
          (vbs, bts, n) -> {
            for (int i = 0; i < n; i++) {
              assertTrue(blockTimes.isEmpty() || vbs[i] > blockTimes.lastKey(), "not ascending");
              blockTimes.put(vbs[i], bts[i]);
            }
          });
      TreeMap<Long, Long> wantTimes = new TreeMap<>();
      want.forEach((v, m) -> wantTimes.put(v, BlockTime.pack(m.dataBlock(), m.time())));
      assertEquals(wantTimes, blockTimes, "block times of " + dev);
      assertEquals(d.mappings.isEmpty() ? -1 : d.mappings.lastKey(), pool.highestMappedBlock(dev));
      if (!d.mappings.isEmpty()) {
        long first = d.mappings.firstKey();
        assertEquals(d.mapping(first), pool.findBlock(dev, first));
      }
      assertNull(pool.findBlock(dev, -5), "an unmapped block");
    }
    assertFalse(pool.deviceExists(MISSING));
    assertEquals(model.transactionId, pool.transactionId(), "transaction id");
    assertEquals(model.time, pool.time(), "time");
    assertEquals(model.dataSize, pool.dataDeviceSize(), "data size");
    assertEquals(model.held != null, pool.metadataSnapshot() != 0, "metadata snapshot held");
    long committedFree = committed.dataSize - committedUsed.size();
    long grown = model.dataSize - committed.dataSize;
    assertEquals(
        committedFree + grown - model.allocatedThisTransaction,
        pool.freeDataBlocks(),
        "free data blocks");
  }

  /** Closes the pool and checks that what it reopens to is the final model. */
  void finish() throws IOException {
    pool.close();
    pool = PoolMetadata.open(device, Bugs.NONE, cacheBlocks);
    committedNow();
    compare();
    pool.close();
  }
}
