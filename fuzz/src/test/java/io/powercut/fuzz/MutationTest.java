package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.DeviceDetails;
import io.powercut.thin.Superblock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutationTest {
  private final Corpus corpus = TestCorpus.get();
  private final ImageMap map = ImageMap.of(corpus.seeds().get(0).image());

  private Image mutated(Mutation m) {
    Image image = map.image().copy();
    m.apply(image);
    return image;
  }

  private static boolean stamped(byte[] d, int salt) {
    return Checksum.stored(d) == Checksum.compute(d, salt);
  }

  /** Blocks that differ between two images of the same size. */
  private static long changed(Image a, Image b) {
    long n = 0;
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aSuperblockFieldIsSetThroughItsRecordAndTheChecksumStillHolds() {
    Image image = mutated(new Mutation.SetSuperblockField(0, SuperblockField.DATA_MAPPING_ROOT, 7));
    byte[] d = image.get(0);
    assertEquals(7, Superblock.read(d).dataMappingRoot());
    assertEquals(map.superblock().deviceDetailsRoot(), Superblock.read(d).deviceDetailsRoot());
    assertTrue(stamped(d, Superblock.CHECKSUM_SALT));
    assertEquals(1, changed(image, map.image()));
  }

  @Test
  void nodeFieldsKeysAndValuesAreSetAtTheLayoutsOffsets() {
    ImageMap.Node leaf =
        map.nodes(Tree.MAPPING).stream().filter(ImageMap.Node::leaf).findFirst().orElseThrow();
    int b = leaf.block();
    Image image = map.image().copy();
    new Mutation.SetNodeField(b, NodeField.NR_ENTRIES, 0xFFFF_FFFFL).apply(image);
    new Mutation.SetKey(b, 1, 42).apply(image);
    new Mutation.SetValue(b, 2, 99).apply(image);
    byte[] d = image.get(b);
    assertEquals(-1, BTreeNode.nrEntries(d));
    assertEquals(42, BTreeNode.key(d, 1));
    assertEquals(99, BTreeNode.value64(d, 2));
    assertTrue(stamped(d, BTreeNode.CHECKSUM_SALT));
  }

  @Test
  void swappedKeysFallOutOfOrder() {
    ImageMap.Node leaf =
        map.nodes(Tree.MAPPING).stream().filter(ImageMap.Node::leaf).findFirst().orElseThrow();
    byte[] before = map.image().get(leaf.block());
    byte[] d = mutated(new Mutation.SwapKeys(leaf.block(), 0, 1)).get(leaf.block());
    assertEquals(BTreeNode.key(before, 1), BTreeNode.key(d, 0));
    assertEquals(BTreeNode.key(before, 0), BTreeNode.key(d, 1));
    assertTrue(Long.compareUnsigned(BTreeNode.key(d, 0), BTreeNode.key(d, 1)) > 0);
  }

  @Test
  void detailsIndexEntriesAndCountsGoThroughTheirLayoutClasses() {
    int details = map.nodes(Tree.DETAILS).get(0).block();
    byte[] d =
        mutated(new Mutation.SetDetailsField(details, 0, DetailsField.SNAPSHOTTED_TIME, 77))
            .get(details);
    assertEquals(77, DeviceDetails.read(d, BTreeNode.valueOffset(d, 0)).snapshottedTime());

    int index = map.nodes(Tree.DATA_INDEX).get(0).block();
    d = mutated(new Mutation.SetIndexEntryField(index, 0, IndexEntryField.NR_FREE, 5)).get(index);
    assertEquals(5, IndexEntry.read(d, BTreeNode.valueOffset(d, 0)).nrFree());

    int meta = map.metadataIndex();
    d = mutated(new Mutation.SetMetadataIndexField(meta, 0, IndexEntryField.BLOCKNR, 3)).get(meta);
    assertEquals(3, MetadataIndexBlock.entry(d, 0).blocknr());
    assertTrue(stamped(d, MetadataIndexBlock.CHECKSUM_SALT));

    int bitmap = map.bitmaps().get(0).block();
    d = mutated(new Mutation.SetBitmapEntry(bitmap, 100, 3)).get(bitmap);
    assertEquals(3, BitmapBlock.get(d, 100));
    assertTrue(stamped(d, BitmapBlock.CHECKSUM_SALT));

    int refs = map.nodes(Tree.METADATA_REF_COUNTS).get(0).block();
    d = mutated(new Mutation.SetRefCount(refs, 0, 0x1234_5678L)).get(refs);
    assertEquals(0x1234_5678L, Le.u32(d, BTreeNode.valueOffset(d, 0)));
  }

  @Test
  void rawMutationsLeaveTheChecksumStaleUntilRestamped() {
    int b = map.nodes().get(0).block();
    Image image = mutated(new Mutation.FlipBit(b, 8 * 100 + 3));
    byte[] d = image.get(b);
    assertEquals(map.image().get(b)[100] ^ 8, d[100]);
    assertFalse(stamped(d, BTreeNode.CHECKSUM_SALT));
    new Mutation.CopyBlock(b, b + 1).apply(image);
    new Mutation.Restamp(b + 1, BTreeNode.CHECKSUM_SALT, true).apply(image);
    byte[] copy = image.get(b + 1);
    assertTrue(stamped(copy, BTreeNode.CHECKSUM_SALT));
    assertEquals(b + 1, Le.u64(copy, NodeField.BLOCKNR.offset()));
    new Mutation.Truncate(3).apply(image);
    assertEquals(3, image.size());
  }

  @Test
  void theSeedIsNeverChangedByItsMutants() {
    Image seed = corpus.seeds().get(3).image();
    byte[] before = seed.bytes();
    for (int i = 0; i < 200; i++) {
      corpus.image(corpus.make(7, i));
    }
    assertTrue(Arrays.equals(before, seed.bytes()));
  }

  /** Any mutation applies to any image (shrinking reorders and drops them), and never throws. */
  @PropertyTest(seeds = 30)
  void mutationsApplyToImagesOfAnyShape(long seed) {
    Case c = corpus.make(seed, 0);
    List<Mutation> ms = corpus.make(Choices.seeded(seed ^ 1)).mutations();
    for (Image target : List.of(Image.of(new byte[Image.BLOCK_SIZE]), corpus.image(c))) {
      for (Mutation m : ms) {
        m.apply(target);
      }
      for (Mutation m : c.mutations()) {
        m.apply(target);
      }
      assertTrue(target.size() >= 1);
    }
  }
}
