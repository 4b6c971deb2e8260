package io.powercut.bench;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.BTreeBuilder;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.btree.ValueType;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The btree: a lookup in a committed tree of 2^17 random keys; an insert of random keys into a
 * growing tree (one transaction, so each node is shadowed once and then changed in place); the
 * shadowing of a committed node (copy, allocation, reference drop); and the restore's bottom-up
 * build from sorted keys, for comparison with inserting them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BTreeBench {
  static final int TREE_KEYS = 1 << 17;
  static final int BATCH = 10_000;
  static final int SHADOWS = 512;
  private static final byte[] VALUE = new byte[8];

  /** Distinct random keys below 2^63, so that signed and unsigned order agree. */
  static long[] randomKeys(int n, long seed) {
    return new SplittableRandom(seed).longs(0, Long.MAX_VALUE).distinct().limit(n).toArray();
  }

  /** A committed tree of {@link #TREE_KEYS} random keys. */
  @State(Scope.Thread)
  public static class CommittedTree {
    MetadataFixture fixture;
    BTree tree;
    long root;
    long[] keys;
    MemoryBlockDevice device;
    long[] nodes;

    @Setup(Level.Trial)
    public void build() throws IOException {
      fixture = MetadataFixture.create(8192, 0);
      tree = new BTree(fixture.tm, 1, ValueType.opaque(8));
      keys = randomKeys(TREE_KEYS, 1);
      root = tree.empty();
      for (long k : keys) {
        root = tree.insert(root, new long[] {k}, VALUE).root();
      }
      fixture.commit();
      device = fixture.device;
      nodes = nodesOf(device);
      if (nodes.length < SHADOWS) {
        throw new IllegalStateException("only " + nodes.length + " nodes to shadow");
      }
    }

    /** Every btree node on the device: blocks that carry the node checksum. */
    private static long[] nodesOf(MemoryBlockDevice device) throws IOException {
      byte[] b = new byte[4096];
      long[] found = new long[(int) device.blockCount()];
      int n = 0;
      for (long i = 1; i < device.blockCount(); i++) {
        device.read(i, b);
        if (Checksum.stored(b) == Checksum.compute(b, BTreeNode.CHECKSUM_SALT)
            && Le.u64(b, 8) == i) {
          found[n++] = i;
        }
      }
      return Arrays.copyOf(found, n);
    }
  }

  /** The committed tree opened afresh for each invocation: nothing is shadowed yet. */
  @State(Scope.Thread)
  public static class Reopened {
    MetadataFixture fixture;

    @Setup(Level.Invocation)
    public void reopen(CommittedTree t) throws IOException {
      fixture = MetadataFixture.open(t.device);
    }
  }

  /** A new, empty tree for each invocation. */
  @State(Scope.Thread)
  public static class EmptyTree {
    final long[] keys = randomKeys(BATCH, 2);
    final long[] sorted = keys.clone();
    MetadataFixture fixture;
    BTree tree;

    @Setup(Level.Trial)
    public void sort() {
      Arrays.sort(sorted);
    }

    @Setup(Level.Invocation)
    public void create() throws IOException {
      fixture = MetadataFixture.create(1024, 0);
      tree = new BTree(fixture.tm, 1, ValueType.opaque(8));
    }
  }

  private int next;

  @Benchmark
  public byte[] lookup(CommittedTree t) throws IOException {
    return t.tree.lookup(t.root, t.keys[next++ & (TREE_KEYS - 1)]);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long insert(EmptyTree t) throws IOException {
    long root = t.tree.empty();
    for (long k : t.keys) {
      root = t.tree.insert(root, new long[] {k}, VALUE).root();
    }
    return root;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long buildSorted(EmptyTree t) throws IOException {
    BTreeBuilder b = new BTreeBuilder(t.fixture.tm, 8);
    for (long k : t.sorted) {
      b.add(k, VALUE, 0);
    }
    return b.finish();
  }

  /** Shadows a batch of committed nodes, each for the first time in the transaction. */
  @Benchmark
  @OperationsPerInvocation(SHADOWS)
  public long shadow(CommittedTree t, Reopened r) throws IOException {
    long sum = 0;
    for (int i = 0; i < SHADOWS; i++) {
      try (Block copy = r.fixture.tm.shadow(t.nodes[i], BTreeNode.VALIDATOR).block()) {
        sum += copy.location();
      }
    }
    return sum;
  }
}
