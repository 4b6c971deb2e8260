package io.powercut.pdata.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bitmap layout of FORMAT.md §4.1, including its easy-to-swap bit order. */
class BitmapBlockTest {
  @Test
  void sixteenThousandThreeHundredTwentyEntriesPerBlock() {
    assertEquals(16320, BitmapBlock.ENTRIES_PER_BLOCK);
  }

  @Test
  void highBitIsTheEvenBitOfEachPair() {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    for (int e = 0; e < 4; e++) {
      BitmapBlock.set(d, e, 1);
    }
    assertEquals((byte) 0xAA, d[BitmapBlock.HEADER_SIZE], "four counts of 1");
    for (int e = 4; e < 8; e++) {
      BitmapBlock.set(d, e, 2);
    }
    assertEquals((byte) 0x55, d[BitmapBlock.HEADER_SIZE + 1], "four counts of 2");
    BitmapBlock.set(d, 9, 3);
    assertEquals((byte) 0x0C, d[BitmapBlock.HEADER_SIZE + 2], "entry 9 = 3 sets bits 2 and 3");
    assertEquals(3, BitmapBlock.get(d, 9));
    assertEquals(0, BitmapBlock.get(d, 8));
    assertEquals(0, BitmapBlock.get(d, 10));
  }

  @Test
  void setAndGetAgreeWithAPlainArray() {
    SplittableRandom r = new SplittableRandom(11);
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    int[] model = new int[BitmapBlock.ENTRIES_PER_BLOCK];
    for (int i = 0; i < 50_000; i++) {
      int e = r.nextInt(model.length);
      int c = r.nextInt(4);
      BitmapBlock.set(d, e, c);
      model[e] = c;
    }
    for (int e = 0; e < model.length; e++) {
      assertEquals(model[e], BitmapBlock.get(d, e), "entry " + e);
    }
    assertEquals(0, Le.u64(d, 0), "header untouched");
    assertEquals(0, Le.u64(d, 8), "header untouched");
  }

  @Test
  void wordsPackThirtyTwoEntriesAsGetAndSetSeeThem() {
    SplittableRandom r = new SplittableRandom(9);
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    for (int e = 0; e < BitmapBlock.ENTRIES_PER_BLOCK; e++) {
      // Some words without a 3, so both answers of wordHasOverflow are seen.
      BitmapBlock.set(d, e, r.nextInt((e / 32) % 2 == 0 ? 3 : 4));
    }
    int withoutOverflow = 0;
    for (int e = 0; e < BitmapBlock.ENTRIES_PER_BLOCK; e += BitmapBlock.ENTRIES_PER_WORD) {
      long packed = 0;
      int free = 0;
      boolean overflow = false;
      for (int k = 0; k < BitmapBlock.ENTRIES_PER_WORD; k++) {
        int c = BitmapBlock.get(d, e + k);
        assertEquals(c, BitmapBlock.wordEntry(BitmapBlock.word(d, e), k), "entry " + (e + k));
        packed |= BitmapBlock.wordBits(c, k);
        free += c == 0 ? 1 : 0;
        overflow |= c == BitmapBlock.OVERFLOW;
      }
      long w = BitmapBlock.word(d, e);
      assertEquals(packed, w, "word at entry " + e);
      assertEquals(free, BitmapBlock.freeInWord(w));
      assertEquals(overflow, BitmapBlock.wordHasOverflow(w));
      withoutOverflow += overflow ? 0 : 1;
    }
    assertEquals(BitmapBlock.ENTRIES_PER_BLOCK / 64, withoutOverflow);
  }

  @Test
  void findFreeSkipsFullWordsAndHonoursItsBounds() {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    for (int e = 0; e < 100; e++) {
      BitmapBlock.set(d, e, 1 + e % 3);
    }
    assertEquals(100, BitmapBlock.findFree(d, 0, BitmapBlock.ENTRIES_PER_BLOCK));
    assertEquals(-1, BitmapBlock.findFree(d, 0, 100));
    assertEquals(150, BitmapBlock.findFree(d, 150, 151));
    BitmapBlock.set(d, 40, 0);
    assertEquals(40, BitmapBlock.findFree(d, 0, 100), "a free entry inside a word");
    assertEquals(40, BitmapBlock.findFree(d, 33, 41));
    assertEquals(-1, BitmapBlock.findFree(d, 41, 100));
    for (int e = 0; e < BitmapBlock.ENTRIES_PER_BLOCK; e++) {
      BitmapBlock.set(d, e, 2);
    }
    assertEquals(-1, BitmapBlock.findFree(d, 0, BitmapBlock.ENTRIES_PER_BLOCK));
    BitmapBlock.set(d, BitmapBlock.ENTRIES_PER_BLOCK - 1, 0);
    assertEquals(
        BitmapBlock.ENTRIES_PER_BLOCK - 1,
        BitmapBlock.findFree(d, 0, BitmapBlock.ENTRIES_PER_BLOCK));
  }

  @Test
  void countUsedAgreesWithEntryByEntryCountingOverAnyRange() {
    SplittableRandom r = new SplittableRandom(9);
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    for (int e = 0; e < BitmapBlock.ENTRIES_PER_BLOCK; e++) {
      // Runs of free entries, so whole words are empty too.
      BitmapBlock.set(d, e, (e / 200) % 2 == 0 ? 0 : r.nextInt(4));
    }
    for (int trial = 0; trial < 500; trial++) {
      int begin = r.nextInt(BitmapBlock.ENTRIES_PER_BLOCK + 1);
      int end = begin + r.nextInt(BitmapBlock.ENTRIES_PER_BLOCK - begin + 1);
      int used = 0;
      for (int e = begin; e < end; e++) {
        used += BitmapBlock.get(d, e) != 0 ? 1 : 0;
      }
      assertEquals(used, BitmapBlock.countUsed(d, begin, end), "[" + begin + ", " + end + ")");
    }
    assertEquals(0, BitmapBlock.countUsed(d, 0, 200));
  }
}
