package io.powercut.fuzz;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.thin.BlockTime;
import io.powercut.thin.DeviceDetails;
import io.powercut.thin.Superblock;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses mutations of one seed image. Most are structure-aware (a superblock field, a node header,
 * keys out of order, a child pointing at itself, its parent or another tree's node, a mapping past
 * the data device, details, index entries, bitmap and overflow counts), each with its checksum
 * recomputed; the rest damage bytes as a disk does. Every choice comes from {@link Choices}.
 */
public final class Mutator {
  /** Most mutations in one case. */
  public static final int MAX_MUTATIONS = 8;

  private final ImageMap map;
  private final Superblock sb;
  private final List<ImageMap.Node> internal = new ArrayList<>();
  private final List<ImageMap.Node> topLeaves = new ArrayList<>();
  private final List<ImageMap.Node> mappingLeaves = new ArrayList<>();
  private final List<Integer> nonNodes = new ArrayList<>();
  private final List<Integer> used;

  public Mutator(ImageMap map) {
    this.map = map;
    this.sb = map.superblock();
    for (ImageMap.Node n : map.nodes()) {
      if (!n.leaf()) {
        internal.add(n);
      } else if (n.tree() == Tree.MAPPING_TOP) {
        topLeaves.add(n);
      } else if (n.tree() == Tree.MAPPING) {
        mappingLeaves.add(n);
      }
    }
    this.used = map.used();
    for (int b : used) {
      if (map.node(b) == null) {
        nonNodes.add(b);
      }
    }
  }

  /** The seed this mutator changes. */
  public ImageMap map() {
    return map;
  }

  /** A list of mutations for one case. */
  public List<Mutation> next(Choices c) {
    int n =
        switch (c.weighted(60, 25, 10, 5)) {
          case 0 -> 1;
          case 1 -> 2;
          case 2 -> 3;
          default -> 4 + c.below(MAX_MUTATIONS - 3);
        };
    List<Mutation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      one(c, out);
    }
    return out;
  }

  private void one(Choices c, List<Mutation> out) {
    if (sb == null) {
      raw(c, out);
      return;
    }
    switch (c.weighted(12, 12, 8, 5, 14, 8, 6, 8, 6, 4, 20)) {
      case 0 -> out.add(superblockField(c));
      case 1 -> out.add(nodeField(c));
      case 2 -> out.add(key(c));
      case 3 -> out.add(swapKeys(c));
      case 4 -> out.add(pointer(c));
      case 5 -> out.add(mapping(c));
      case 6 -> out.add(details(c));
      case 7 -> out.add(indexEntry(c));
      case 8 -> out.add(bitmapEntry(c));
      case 9 -> out.add(refCount(c));
      default -> raw(c, out);
    }
  }

  // ---- structured -------------------------------------------------------------------------------

  private Mutation superblockField(Choices c) {
    int block = c.pick(map.superblocks());
    SuperblockField f = SuperblockField.values()[c.below(SuperblockField.values().length)];
    long current = f.get(Superblock.read(map.image().get(block)));
    long v;
    if (f.blockPointer()) {
      v = block(c, block, -1, null);
    } else if (f == SuperblockField.DATA_NR_BLOCKS) {
      v = Boundary.near(c, BlockTime.MAX_DATA_BLOCK + 1, current, f.bits());
    } else if (f == SuperblockField.METADATA_NR_BLOCKS || f == SuperblockField.DEVICE_NR_BLOCKS) {
      v =
          c.percent(50)
              ? Boundary.near(c, map.image().size(), current, f.bits())
              : Boundary.near(c, MetadataIndexBlock.MAX_METADATA_BLOCKS, current, f.bits());
    } else if (f == SuperblockField.VERSION) {
      v = Boundary.near(c, Superblock.MAX_VERSION, current, f.bits());
    } else if (f == SuperblockField.TIME) {
      v = Boundary.near(c, BlockTime.TIME_MASK, current, f.bits());
    } else {
      v = Boundary.of(c, current, f.bits());
    }
    return new Mutation.SetSuperblockField(block, f, v);
  }

  private Mutation nodeField(Choices c) {
    ImageMap.Node n = c.pick(map.nodes());
    byte[] d = map.image().get(n.block());
    NodeField f = NodeField.values()[c.below(NodeField.values().length)];
    int max = BTreeNode.maxEntries(d);
    long v =
        switch (f) {
          case FLAGS -> c.below(5);
          case BLOCKNR -> block(c, n.block(), n.parent(), n.tree());
          case NR_ENTRIES ->
              switch (c.below(4)) {
                case 0 -> max + 1;
                case 1 -> max / 3 - 1;
                case 2 -> max;
                default -> Boundary.of(c, BTreeNode.nrEntries(d), 32);
              };
          case MAX_ENTRIES ->
              c.percent(50)
                  ? Boundary.near(c, max, max, 32)
                  : BTreeNode.calcMaxEntries(c.pick(List.of(4, 8, 16, 24)));
          case VALUE_SIZE ->
              c.percent(60)
                  ? c.pick(List.of(0, 4, 8, 16, 24, 32))
                  : Boundary.of(c, BTreeNode.valueSize(d), 32);
        };
    return new Mutation.SetNodeField(n.block(), f, v);
  }

  private Mutation key(Choices c) {
    ImageMap.Node n = c.pick(map.nodes());
    byte[] d = map.image().get(n.block());
    int i = entry(c, d);
    long current = BTreeNode.key(d, i);
    long v =
        switch (c.below(4)) {
          case 0 -> i > 0 ? BTreeNode.key(d, i - 1) : current + 1;
          case 1 -> i + 1 < BTreeNode.nrEntries(d) ? BTreeNode.key(d, i + 1) : current - 1;
          default -> Boundary.of(c, current, 64);
        };
    return new Mutation.SetKey(n.block(), i, v);
  }

  private Mutation swapKeys(Choices c) {
    ImageMap.Node n = c.pick(map.nodes());
    byte[] d = map.image().get(n.block());
    int i = entry(c, d);
    int j = entry(c, d);
    return new Mutation.SwapKeys(n.block(), i, j == i ? i + 1 : j);
  }

  /** A child pointer of an internal node, or a device's subtree root in the top level. */
  private Mutation pointer(Choices c) {
    List<ImageMap.Node> from = c.percent(60) || topLeaves.isEmpty() ? internal : topLeaves;
    if (from.isEmpty()) {
      from = topLeaves.isEmpty() ? map.nodes() : topLeaves;
    }
    ImageMap.Node n = c.pick(from);
    byte[] d = map.image().get(n.block());
    int i = entry(c, d);
    return new Mutation.SetValue(n.block(), i, block(c, n.block(), n.parent(), n.tree()));
  }

  private Mutation mapping(Choices c) {
    if (mappingLeaves.isEmpty()) {
      return pointer(c);
    }
    ImageMap.Node n = c.pick(mappingLeaves);
    byte[] d = map.image().get(n.block());
    int i = entry(c, d);
    long current = BTreeNode.value64(d, i);
    long data = BlockTime.dataBlock(current);
    long time = BlockTime.time(current);
    long nrData = sb.dataSpaceMapRoot().nrBlocks();
    if (c.percent(65)) {
      data =
          switch (c.below(4)) {
            case 0 -> Boundary.near(c, nrData, data, 40);
            case 1 -> BlockTime.MAX_DATA_BLOCK;
            case 2 -> otherMapping(c);
            default -> Boundary.of(c, data, 40);
          };
    } else {
      time = Boundary.near(c, sb.time(), time, BlockTime.TIME_BITS);
    }
    return new Mutation.SetValue(n.block(), i, BlockTime.pack(data, time));
  }

  /** The data block of some other mapping, so that two mappings share it. */
  private long otherMapping(Choices c) {
    byte[] d = map.image().get(c.pick(mappingLeaves).block());
    int nr = BTreeNode.nrEntries(d);
    return nr <= 0 ? 0 : BlockTime.dataBlock(BTreeNode.value64(d, c.below(nr)));
  }

  private Mutation details(Choices c) {
    List<ImageMap.Node> leaves = leaves(Tree.DETAILS);
    if (leaves.isEmpty()) {
      return superblockField(c);
    }
    ImageMap.Node n = c.pick(leaves);
    byte[] d = map.image().get(n.block());
    int i = entry(c, d);
    DetailsField f = DetailsField.values()[c.below(DetailsField.values().length)];
    DeviceDetails current = DeviceDetails.read(d, BTreeNode.valueOffset(d, i));
    long v =
        f == DetailsField.CREATION_TIME || f == DetailsField.SNAPSHOTTED_TIME
            ? Boundary.near(c, sb.time() + 1, f.get(current), f.bits())
            : Boundary.of(c, f.get(current), f.bits());
    return new Mutation.SetDetailsField(n.block(), i, f, v);
  }

  private Mutation indexEntry(Choices c) {
    List<ImageMap.Node> leaves = leaves(Tree.DATA_INDEX);
    IndexEntryField f = IndexEntryField.values()[c.below(IndexEntryField.values().length)];
    boolean metadata = map.metadataIndex() >= 0 && (leaves.isEmpty() || c.percent(50));
    if (!metadata && leaves.isEmpty()) {
      return superblockField(c);
    }
    int block;
    int i;
    IndexEntry current;
    if (metadata) {
      block = map.metadataIndex();
      byte[] d = map.image().get(block);
      i = c.percent(80) ? 0 : c.below(MetadataIndexBlock.MAX_ENTRIES);
      current = MetadataIndexBlock.entry(d, i);
    } else {
      ImageMap.Node n = c.pick(leaves);
      block = n.block();
      byte[] d = map.image().get(block);
      i = entry(c, d);
      current = IndexEntry.read(d, BTreeNode.valueOffset(d, i));
    }
    long v =
        f == IndexEntryField.BLOCKNR
            ? block(c, block, -1, null)
            : Boundary.near(c, BitmapBlock.ENTRIES_PER_BLOCK, f.get(current), f.bits());
    return metadata
        ? new Mutation.SetMetadataIndexField(block, i, f, v)
        : new Mutation.SetIndexEntryField(block, i, f, v);
  }

  private Mutation bitmapEntry(Choices c) {
    if (map.bitmaps().isEmpty()) {
      return superblockField(c);
    }
    ImageMap.Plain b = c.pick(map.bitmaps());
    byte[] d = map.image().get(b.block());
    // Mostly entries that describe something: the low ones.
    int entry =
        c.percent(80)
            ? c.below(Math.min(BitmapBlock.ENTRIES_PER_BLOCK, 4 * map.image().size()))
            : c.below(BitmapBlock.ENTRIES_PER_BLOCK);
    int count = (BitmapBlock.get(d, entry) + 1 + c.below(3)) % (BitmapBlock.OVERFLOW + 1);
    return new Mutation.SetBitmapEntry(b.block(), entry, count);
  }

  private Mutation refCount(Choices c) {
    List<ImageMap.Node> leaves = new ArrayList<>(leaves(Tree.DATA_REF_COUNTS));
    leaves.addAll(leaves(Tree.METADATA_REF_COUNTS));
    leaves.removeIf(n -> BTreeNode.nrEntries(map.image().get(n.block())) == 0);
    if (leaves.isEmpty()) {
      return bitmapEntry(c);
    }
    ImageMap.Node n = c.pick(leaves);
    byte[] d = map.image().get(n.block());
    int i = entry(c, d);
    long current = Le.u32(d, BTreeNode.valueOffset(d, i));
    long v = c.percent(50) ? c.below(BitmapBlock.OVERFLOW + 2) : Boundary.of(c, current, 32);
    return new Mutation.SetRefCount(n.block(), i, v);
  }

  // ---- raw --------------------------------------------------------------------------------------

  private void raw(Choices c, List<Mutation> out) {
    int size = map.image().size();
    int block = usedOrAny(c);
    switch (c.weighted(30, 10, 10, 15, 5, 5)) {
      case 0 -> {
        int bits = 1 + (c.percent(70) ? 0 : c.below(8));
        for (int i = 0; i < bits; i++) {
          out.add(new Mutation.FlipBit(block, c.below(BlockManager.BLOCK_SIZE * 8)));
        }
      }
      case 1 -> {
        int off = c.below(BlockManager.BLOCK_SIZE);
        out.add(
            new Mutation.FillBytes(
                block, off, 1 + c.below(64), c.pick(List.of(0, 0xff, c.below(256)))));
      }
      case 2 -> out.add(new Mutation.ZeroBlock(block));
      case 3 -> out.add(new Mutation.CopyBlock(usedOrAny(c), block));
      case 4 -> out.add(new Mutation.SwapBlocks(usedOrAny(c), block));
      default -> out.add(new Mutation.Truncate(1 + c.below(size)));
    }
    // Half the time the damage is made to pass the checksum, as a bug in a writer would.
    if (map.salt(block) != 0 && c.percent(50)) {
      out.add(new Mutation.Restamp(block, map.salt(block), c.percent(50)));
    }
  }

  // ---- choices ----------------------------------------------------------------------------------

  /**
   * A block number for a pointer in {@code self} (whose parent is {@code parent}, in {@code tree}):
   * itself or an ancestor (a cycle), a node of the same or another tree (sharing), a block that is
   * no node, or a number at or past the end of the device.
   */
  private long block(Choices c, int self, int parent, Tree tree) {
    int size = map.image().size();
    return switch (c.below(10)) {
      case 0 -> self;
      case 1 -> parent >= 0 ? parent : self;
      case 2 -> ancestor(c, self);
      case 3 -> c.pick(sameTree(tree)).block();
      case 4 -> c.pick(map.nodes()).block();
      case 5 -> nonNodes.isEmpty() ? 0 : c.pick(nonNodes);
      case 6 -> c.below(size);
      case 7 -> Boundary.near(c, size, self, 64);
      case 8 -> 0;
      default -> Boundary.of(c, self, 64);
    };
  }

  private long ancestor(Choices c, int self) {
    ImageMap.Node n = map.node(self);
    int b = self;
    // Bounded by the seed's depth; a seed node's parent chain always ends at a root.
    while (n != null && n.parent() >= 0 && c.percent(70)) {
      b = n.parent();
      n = map.node(b);
    }
    return b;
  }

  private List<ImageMap.Node> sameTree(Tree tree) {
    List<ImageMap.Node> same = tree == null ? List.of() : map.nodes(tree);
    return same.isEmpty() ? map.nodes() : same;
  }

  private List<ImageMap.Node> leaves(Tree tree) {
    List<ImageMap.Node> out = new ArrayList<>();
    for (ImageMap.Node n : map.nodes(tree)) {
      if (n.leaf()) {
        out.add(n);
      }
    }
    return out;
  }

  /** An entry index: mostly one in use, sometimes the first free slot or the last slot. */
  private static int entry(Choices c, byte[] node) {
    int nr = Math.max(0, Math.min(BTreeNode.nrEntries(node), BTreeNode.maxEntries(node)));
    return switch (c.weighted(85, 10, 5)) {
      case 0 -> nr == 0 ? 0 : c.below(nr);
      case 1 -> nr;
      default -> Math.max(0, BTreeNode.maxEntries(node) - 1);
    };
  }

  private int usedOrAny(Choices c) {
    return used.isEmpty() || c.percent(10) ? c.below(map.image().size()) : c.pick(used);
  }
}
