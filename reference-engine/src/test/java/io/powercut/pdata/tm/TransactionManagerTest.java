package io.powercut.pdata.tm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.FaultyDevice;
import io.powercut.device.IoLog;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.btree.BTreeNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransactionManagerTest {
  static final long BLOCKS = 2048;

  static MetadataStack stack(FaultyDevice device, PdataBug... bugs) throws IOException {
    return MetadataStack.create(device, 4096, Bugs.of(bugs));
  }

  /** A committed node holding {@code marker}; returns its block. */
  static long committedNode(MetadataStack s, int marker) throws IOException {
    long b;
    try (Block n = s.tm.newBlock(BTreeNode.VALIDATOR)) {
      BTreeNode.init(n.data(), BTreeNode.LEAF, 8);
      n.data()[2000] = (byte) marker;
      b = n.location();
    }
    s.commit(b);
    return b;
  }

  @Test
  void aCommittedBlockIsCopiedOnceAndThenChangedInPlace() throws IOException {
    MetadataStack s = MetadataStack.create(BLOCKS);
    long orig = committedNode(s, 5);
    Shadow first = s.tm.shadow(orig, BTreeNode.VALIDATOR);
    long copy = first.block().location();
    first.block().close();
    assertNotEquals(orig, copy);
    assertFalse(first.incChildren());
    assertTrue(s.tm.isShadow(copy));
    assertFalse(s.tm.isShadow(orig));
    assertEquals(0, s.tm.refCount(orig), "the original loses its reference");
    assertEquals(1, s.tm.refCount(copy));
    Shadow second = s.tm.shadow(copy, BTreeNode.VALIDATOR);
    assertEquals(copy, second.block().location(), "once per transaction");
    assertEquals(5, second.block().data()[2000], "the copy holds the original's bytes");
    second.block().close();
    s.commit(copy);
    Shadow next = s.tm.shadow(copy, BTreeNode.VALIDATOR);
    assertNotEquals(copy, next.block().location(), "a new transaction copies again");
    next.block().close();
  }

  @Test
  void aSharedBlockIsCopiedAndItsChildrenMustGainAReference() throws IOException {
    MetadataStack s = MetadataStack.create(BLOCKS);
    long orig = committedNode(s, 1);
    s.tm.inc(orig);
    Shadow sh = s.tm.shadow(orig, BTreeNode.VALIDATOR);
    sh.block().close();
    assertTrue(sh.incChildren());
    assertEquals(1, s.tm.refCount(orig), "the other holder keeps its reference");
    // A shadow made in this transaction that becomes shared is copied again, too.
    long mine = sh.block().location();
    s.tm.inc(mine);
    Shadow again = s.tm.shadow(mine, BTreeNode.VALIDATOR);
    again.block().close();
    assertNotEquals(mine, again.block().location());
    assertTrue(again.incChildren());
  }

  @Test
  void seededShadowSharedInPlaceWritesASharedShadow() throws IOException {
    MetadataStack s =
        stack(new FaultyDevice(new MemoryBlockDevice(BLOCKS)), PdataBug.SHADOW_SHARED_IN_PLACE);
    long b;
    try (Block n = s.tm.newBlock(BTreeNode.VALIDATOR)) {
      BTreeNode.init(n.data(), BTreeNode.LEAF, 8);
      b = n.location();
    }
    s.tm.inc(b);
    Shadow sh = s.tm.shadow(b, BTreeNode.VALIDATOR);
    sh.block().close();
    assertEquals(b, sh.block().location(), "written in place although shared");
    assertFalse(sh.incChildren());
  }

  @Test
  void blocksFreedInATransactionAreNotReusedUntilItCommits() throws IOException {
    MetadataStack s = MetadataStack.create(BLOCKS);
    long orig = committedNode(s, 1);
    Shadow sh = s.tm.shadow(orig, BTreeNode.VALIDATOR);
    sh.block().close();
    Set<Long> handedOut = new HashSet<>();
    // Allocate every block left: the freed original must never come back.
    for (int i = 0; i < BLOCKS && s.sm.nrFree() > 0; i++) {
      try (Block n = s.tm.newBlock(BTreeNode.VALIDATOR)) {
        assertTrue(handedOut.add(n.location()), "block " + n.location() + " handed out twice");
      }
    }
    assertFalse(handedOut.contains(orig));
    assertThrows(NoSpaceException.class, () -> s.tm.newBlock(BTreeNode.VALIDATOR));
    assertEquals(0, s.tm.refCount(orig));
  }

  @Test
  void commitFlushesEverythingBeforeTheSuperblockAndTheSuperblockAfter() throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(BLOCKS));
    MetadataStack s = stack(device);
    long b = committedNode(s, 1);
    int from = device.log().size();
    Shadow sh = s.tm.shadow(b, BTreeNode.VALIDATOR);
    sh.block().close();
    s.commit(sh.block().location());
    List<String> tail = describe(device.log(), from);
    int sb = tail.indexOf("write 0");
    assertTrue(sb > 0, tail.toString());
    assertEquals("flush", tail.get(sb - 1), "flush before the superblock: " + tail);
    assertEquals("flush", tail.get(tail.size() - 1), "flush after it: " + tail);
    assertEquals(sb, tail.size() - 2, "the superblock is the last write: " + tail);
  }

  @Test
  void seededSuperblockBeforeFlushWritesItWithoutTheFirstFlush() throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(BLOCKS));
    MetadataStack s = stack(device, PdataBug.SUPERBLOCK_BEFORE_FLUSH);
    long b = committedNode(s, 1);
    int from = device.log().size();
    Shadow sh = s.tm.shadow(b, BTreeNode.VALIDATOR);
    sh.block().close();
    s.commit(sh.block().location());
    List<String> tail = describe(device.log(), from);
    int sb = tail.indexOf("write 0");
    assertTrue(tail.subList(0, sb).stream().noneMatch("flush"::equals), tail.toString());
    assertEquals("flush", tail.get(tail.size() - 1), tail.toString());
  }

  @Test
  void seededSuperblockNotFlushedLeavesTheCommitVolatile() throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(BLOCKS));
    MetadataStack s = stack(device, PdataBug.SUPERBLOCK_NOT_FLUSHED);
    committedNode(s, 1);
    List<String> all = describe(device.log(), 0);
    assertEquals("write 0", all.get(all.size() - 1), all.toString());
    assertTrue(device.unflushedWrites() > 0);
  }

  private static List<String> describe(IoLog log, int from) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < log.size(); i++) {
      switch (log.kind(i)) {
        case WRITE, FUA -> out.add("write " + log.block(i));
        case FLUSH -> out.add("flush");
        case MARK -> out.add("mark");
      }
    }
    return out;
  }
}
