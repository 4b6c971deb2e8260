package io.powercut.fuzz;

import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.thin.Superblock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each block of a seed image is: superblocks, B-tree nodes (with their tree, parent and
 * depth), space-map bitmaps and the metadata index. Structure-aware mutations are chosen from this
 * map. It is built from a well-formed image, but defensively: a pointer outside the image, a block
 * that fails its checksum or a node reached twice is left out, never followed.
 */
public final class ImageMap {
  /** A B-tree node of the seed; {@code parent} is -1 for a root. */
  public record Node(int block, Tree tree, int parent, int depth, boolean leaf) {}

  /** A block that is not a node, with the salt its checksum uses. */
  public record Plain(int block, int salt) {}

  private final Image image;
  private final BitSet seen = new BitSet();
  private final List<Node> nodes = new ArrayList<>();
  private final Map<Integer, Node> nodeAt = new HashMap<>();
  private final Map<Tree, List<Node>> byTree = new EnumMap<>(Tree.class);
  private final List<Integer> superblocks = new ArrayList<>();
  private final List<Plain> bitmaps = new ArrayList<>();
  private final int[] salts;
  private int metadataIndex = -1;
  private Superblock superblock;

  private ImageMap(Image image) {
    this.image = image;
    this.salts = new int[image.size()];
  }

  /** Maps {@code image}; a seed whose superblock is unreadable maps to just block 0. */
  public static ImageMap of(Image image) {
    ImageMap m = new ImageMap(image);
    m.build();
    return m;
  }

  private void build() {
    if (!valid(0, Superblock.CHECKSUM_SALT)) {
      superblocks.add(0);
      return;
    }
    superblock = Superblock.read(image.get(0));
    claim(0, Superblock.CHECKSUM_SALT);
    superblocks.add(0);
    walkPool(superblock);
    SpaceMapRoot data = superblock.dataSpaceMapRoot();
    walk(data.bitmapRoot(), Tree.DATA_INDEX, -1, 0);
    walk(data.refCountRoot(), Tree.DATA_REF_COUNTS, -1, 0);
    SpaceMapRoot meta = superblock.metadataSpaceMapRoot();
    walk(meta.refCountRoot(), Tree.METADATA_REF_COUNTS, -1, 0);
    mapMetadataIndex(meta);
    long held = superblock.heldRoot();
    if (held != 0 && inImage(held) && valid((int) held, Superblock.CHECKSUM_SALT)) {
      claim((int) held, Superblock.CHECKSUM_SALT);
      superblocks.add((int) held);
      walkPool(Superblock.read(image.get((int) held)));
    }
  }

  private void walkPool(Superblock sb) {
    walk(sb.deviceDetailsRoot(), Tree.DETAILS, -1, 0);
    walk(sb.dataMappingRoot(), Tree.MAPPING_TOP, -1, 0);
  }

  private void mapMetadataIndex(SpaceMapRoot meta) {
    long b = meta.bitmapRoot();
    if (!inImage(b) || seen.get((int) b) || !valid((int) b, MetadataIndexBlock.CHECKSUM_SALT)) {
      return;
    }
    metadataIndex = (int) b;
    claim(metadataIndex, MetadataIndexBlock.CHECKSUM_SALT);
    byte[] d = image.get(metadataIndex);
    long bitmapsNeeded =
        (meta.nrBlocks() + BitmapBlock.ENTRIES_PER_BLOCK - 1) / BitmapBlock.ENTRIES_PER_BLOCK;
    int n = (int) Math.min(MetadataIndexBlock.MAX_ENTRIES, Math.max(0, bitmapsNeeded));
    for (int i = 0; i < n; i++) {
      addBitmap(MetadataIndexBlock.entry(d, i).blocknr());
    }
  }

  private void addBitmap(long b) {
    if (inImage(b) && !seen.get((int) b) && valid((int) b, BitmapBlock.CHECKSUM_SALT)) {
      claim((int) b, BitmapBlock.CHECKSUM_SALT);
      bitmaps.add(new Plain((int) b, BitmapBlock.CHECKSUM_SALT));
    }
  }

  private void walk(long b, Tree tree, int parent, int depth) {
    if (!inImage(b)
        || seen.get((int) b)
        || depth > BTree.MAX_DEPTH
        || !valid((int) b, BTreeNode.CHECKSUM_SALT)) {
      return;
    }
    int block = (int) b;
    claim(block, BTreeNode.CHECKSUM_SALT);
    byte[] d = image.get(block);
    boolean leaf = BTreeNode.isLeaf(d);
    Node node = new Node(block, tree, parent, depth, leaf);
    nodes.add(node);
    nodeAt.put(block, node);
    byTree.computeIfAbsent(tree, t -> new ArrayList<>()).add(node);
    int nr = Math.min(BTreeNode.nrEntries(d), BTreeNode.maxEntries(d));
    for (int i = 0; i < nr && BTreeNode.valueOffset(d, i) + Long.BYTES <= d.length; i++) {
      if (!leaf) {
        walk(BTreeNode.value64(d, i), tree, block, depth + 1);
      } else if (tree == Tree.MAPPING_TOP) {
        walk(BTreeNode.value64(d, i), Tree.MAPPING, block, depth + 1);
      } else if (tree == Tree.DATA_INDEX) {
        addBitmap(IndexEntry.read(d, BTreeNode.valueOffset(d, i)).blocknr());
      }
    }
  }

  private boolean inImage(long b) {
    return b >= 0 && b < image.size();
  }

  private boolean valid(int b, int salt) {
    byte[] d = image.get(b);
    return !image.isZero(b) && Checksum.stored(d) == Checksum.compute(d, salt);
  }

  private void claim(int b, int salt) {
    seen.set(b);
    salts[b] = salt;
  }

  /** The seed image. */
  public Image image() {
    return image;
  }

  /** The live superblock, or null if block 0 is unreadable. */
  public Superblock superblock() {
    return superblock;
  }

  /** Block 0 and, when one is held, the metadata snapshot's copy. */
  public List<Integer> superblocks() {
    return Collections.unmodifiableList(superblocks);
  }

  public List<Node> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  public List<Node> nodes(Tree tree) {
    return byTree.getOrDefault(tree, List.of());
  }

  /** Bitmaps of both space maps. */
  public List<Plain> bitmaps() {
    return Collections.unmodifiableList(bitmaps);
  }

  /** The metadata space map's index block, or -1. */
  public int metadataIndex() {
    return metadataIndex;
  }

  /** Every block the seed uses, in block order. */
  public List<Integer> used() {
    List<Integer> out = new ArrayList<>();
    for (int b = seen.nextSetBit(0); b >= 0; b = seen.nextSetBit(b + 1)) {
      out.add(b);
    }
    return out;
  }

  /** The checksum salt of a used block, or 0 for a block the seed does not use. */
  public int salt(int block) {
    return block < salts.length ? salts[block] : 0;
  }

  /** The node at {@code block}, or null. */
  public Node node(int block) {
    return nodeAt.get(block);
  }
}
