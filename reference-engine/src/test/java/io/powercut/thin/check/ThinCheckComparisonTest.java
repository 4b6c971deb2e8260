package io.powercut.thin.check;

import static io.powercut.thin.check.Reports.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.FileBlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.BlockTime;
import io.powercut.thin.DeviceDetails;
import io.powercut.thin.tools.RealTools;
import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ThinTools;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our checker against the real thin_check 0.9.0: it catches what 0.9.0 misses (0.9.0 returns 0 on
 * each of those images), and it rejects every image 0.9.0 rejects.
 */
@RequiresThinTools(
    value = ToolsGeneration.V0_9,
    tools = {ThinTool.THIN_CHECK})
class ThinCheckComparisonTest {
  private MemoryBlockDevice device;
  private ImageEditor image;
  private Path dir;
  private Path file;

  @BeforeEach
  void setUp() throws IOException {
    device = TestPools.standard();
    image = new ImageEditor(device);
    dir = Files.createTempDirectory("powercut-check");
    file = dir.resolve("pool.img");
  }

  @AfterEach
  void tearDown() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  private ThinTools.Result thinCheck() throws IOException {
    Files.deleteIfExists(file);
    FileBlockDevice.save(device, file);
    return RealTools.thinCheck(ToolsGeneration.V0_9, file);
  }

  /** A corruption thin_check 0.9.0 does not see, and the rule that catches it here. */
  interface Patch {
    void apply(ImageEditor image) throws IOException;
  }

  static Stream<Arguments> missedByThinCheck() {
    return Stream.of(
        Arguments.of(
            "data count above the references",
            Rule.DATA_COUNT,
            (Patch) e -> e.setDataCount(e.dataBlock(TestPools.SPARSE, 1L << 40), 2)),
        Arguments.of(
            "data count below the references",
            Rule.DATA_COUNT,
            (Patch) e -> e.setDataCount(e.dataBlock(TestPools.SPARSE, 1L << 40), 0)),
        Arguments.of(
            "data block leaked",
            Rule.DATA_COUNT,
            (Patch) e -> e.setDataCount(TestPools.DATA_BLOCKS - 1, 1)),
        Arguments.of(
            "data nr_allocated",
            Rule.NR_ALLOCATED,
            (Patch)
                e ->
                    e.patchSuperblock(
                        sb -> {
                          SpaceMapRoot d = sb.dataSpaceMapRoot();
                          return SuperblockPatch.with(
                              sb,
                              "dataSpaceMapRoot",
                              new SpaceMapRoot(
                                  d.nrBlocks(),
                                  d.nrAllocated() + 3,
                                  d.bitmapRoot(),
                                  d.refCountRoot()));
                        })),
        Arguments.of(
            "metadata nr_allocated",
            Rule.NR_ALLOCATED,
            (Patch)
                e ->
                    e.patchSuperblock(
                        sb -> {
                          SpaceMapRoot m = sb.metadataSpaceMapRoot();
                          return SuperblockPatch.with(
                              sb,
                              "metadataSpaceMapRoot",
                              new SpaceMapRoot(
                                  m.nrBlocks(),
                                  m.nrAllocated() + 3,
                                  m.bitmapRoot(),
                                  m.refCountRoot()));
                        })),
        Arguments.of(
            "index nr_free",
            Rule.NR_FREE,
            (Patch)
                e -> {
                  ImageEditor.DataIndexSlot s = e.dataIndex(0);
                  IndexEntry x = s.entry();
                  e.patchNode(
                      s.leaf(),
                      d ->
                          new IndexEntry(x.blocknr(), x.nrFree() - 9, x.noneFreeBefore())
                              .write(d, BTreeNode.valueOffset(d, s.slot())));
                }),
        Arguments.of(
            "mapping beyond the data device",
            Rule.DATA_BLOCK_RANGE,
            (Patch)
                e -> {
                  long leaf = e.deviceRoot(TestPools.SPARSE);
                  long free = TestPools.DATA_BLOCKS + 100;
                  e.patchNode(leaf, d -> BTreeNode.setValue64(d, 0, BlockTime.pack(free, 0)));
                }),
        Arguments.of(
            "mapped_blocks",
            Rule.MAPPED_BLOCKS,
            (Patch)
                e -> {
                  long details = e.superblock().deviceDetailsRoot();
                  e.patchNode(
                      details,
                      d -> {
                        int i = BTreeNode.lowerBound(d, TestPools.SPARSE);
                        int off = BTreeNode.valueOffset(d, i);
                        DeviceDetails dd = DeviceDetails.read(d, off);
                        byte[] v = dd.withMappedBlocks(dd.mappedBlocks() + 2).toBytes();
                        System.arraycopy(v, 0, d, off, v.length);
                      });
                }),
        Arguments.of(
            "device with a mapping tree but no details",
            Rule.DEVICE_SET,
            (Patch)
                e ->
                    e.patchNode(
                        e.superblock().deviceDetailsRoot(),
                        d -> BTreeNode.deleteAt(d, BTreeNode.lowerBound(d, TestPools.EMPTY)))),
        Arguments.of(
            "superblock magic",
            Rule.MAGIC,
            (Patch) e -> e.patchSuperblock(sb -> SuperblockPatch.with(sb, "magic", 12345L))),
        Arguments.of(
            "superblock version",
            Rule.VERSION,
            (Patch) e -> e.patchSuperblock(sb -> SuperblockPatch.with(sb, "version", 3L))),
        Arguments.of(
            "superblock blocknr",
            Rule.BLOCKNR,
            (Patch) e -> e.patchSuperblock(sb -> SuperblockPatch.with(sb, "blocknr", 9L))),
        Arguments.of(
            "mapping time after the superblock's",
            Rule.MAPPING_TIME,
            (Patch)
                e -> {
                  long leaf = e.deviceRoot(TestPools.SPARSE);
                  long time = e.superblock().time();
                  e.patchNode(
                      leaf,
                      d ->
                          BTreeNode.setValue64(
                              d,
                              0,
                              BlockTime.pack(
                                  BlockTime.dataBlock(BTreeNode.value64(d, 0)), time + 5)));
                }),
        Arguments.of(
            "bitmap entry past nr_blocks",
            Rule.BITMAP_TAIL,
            (Patch)
                e ->
                    e.patchBitmap(
                        e.dataIndex(1).entry().blocknr(),
                        d -> BitmapBlock.set(d, BitmapBlock.ENTRIES_PER_BLOCK - 1, 2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missedByThinCheck")
  void catchesWhatThinCheckMisses(String name, Rule rule, Patch patch) throws IOException {
    assertTrue(thinCheck().ok(), "thin_check accepts the image before the patch");
    patch.apply(image);
    ThinTools.Result real = thinCheck();
    assertEquals(0, real.exitCode(), () -> "thin_check 0.9.0 now sees " + name + ": " + real);
    CheckReport ours = MetadataChecker.check(device, CheckOptions.DEFAULT);
    problems(ours, rule);
  }

  /**
   * Random damage to random fields of the image, re-stamped: whenever thin_check rejects the image,
   * so do we. (We also reject images it accepts: the classes above.) thin_check 0.9.0's -m checks
   * the metadata snapshot's trees instead of the live ones and skips the space-map counts; our -m
   * checks both, so it must reject whatever either run of thin_check rejects.
   */
  @PropertyTest(seeds = 60)
  void rejectsWhatThinCheckRejects(long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    boolean snapshot = rng.nextBoolean();
    if (snapshot) {
      device = TestPools.withMetadataSnapshot();
      image = new ImageEditor(device);
    }
    RandomDamage.apply(rng, image, 1 + rng.nextInt(2));
    ThinTools.Result plain = thinCheck();
    CheckReport ours = MetadataChecker.check(device, CheckOptions.DEFAULT);
    if (!plain.ok()) {
      assertFalse(ours.clean(), () -> "thin_check rejects (" + plain + ") but we find nothing");
    }
    if (snapshot) {
      ThinTools.Result withM = RealTools.thinCheck(ToolsGeneration.V0_9, file, "-m");
      CheckReport oursWithM = MetadataChecker.check(device, Reports.WITH_SNAPSHOT);
      if (!plain.ok() || !withM.ok()) {
        assertFalse(
            oursWithM.clean(), () -> "thin_check rejects (" + withM + ") but -m finds nothing");
      }
    }
  }

  /**
   * The same random damage judged by thin_check 1.1.0 (the Rust generation, stricter than 0.9.0: it
   * compares data reference counts): whenever it rejects the image, so do we.
   */
  @PropertyTest(seeds = 30)
  @RequiresThinTools(
      value = ToolsGeneration.V1_1,
      tools = {ThinTool.THIN_CHECK})
  void rejectsWhatThinCheck11Rejects(long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    if (rng.nextBoolean()) {
      device = TestPools.withMetadataSnapshot();
      image = new ImageEditor(device);
    }
    RandomDamage.apply(rng, image, 1 + rng.nextInt(2));
    Files.deleteIfExists(file);
    FileBlockDevice.save(device, file);
    ThinTools.Result real = RealTools.thinCheck(ToolsGeneration.V1_1, file);
    CheckReport ours = MetadataChecker.check(device, CheckOptions.DEFAULT);
    if (!real.ok()) {
      assertFalse(
          ours.clean(), () -> "thin_check 1.1.0 rejects (" + real + ") but we find nothing");
    }
  }
}
