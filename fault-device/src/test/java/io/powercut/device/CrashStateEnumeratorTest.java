package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.CrashStateEnumerator.Result;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashStateEnumeratorTest {
  static final EnumerationOptions DEFAULTS = EnumerationOptions.seeded(1);

  static byte[] data(int value) {
    byte[] bytes = new byte[2048];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  static FaultyDevice device(long blocks) {
    return new FaultyDevice(new MemoryBlockDevice(2048, blocks));
  }

  static Result enumerate(FaultyDevice device, EnumerationOptions options) throws IOException {
    return CrashStateEnumerator.enumerate(device.crashPoint(), options);
  }

  static List<String> tokens(Result result) {
    return result.states().stream().map(CrashState::toToken).toList();
  }

  @Test
  void withNothingCachedThereIsOneState() throws IOException {
    FaultyDevice device = device(4);
    device.write(0, data(1));
    device.flush();
    Result result = enumerate(device, DEFAULTS);
    assertEquals(List.of("p2"), tokens(result));
    assertTrue(result.exhaustive());
    assertEquals(0, result.unflushedWrites());
    assertEquals(2, result.position());
    assertEquals(0, result.duplicatesSkipped());
  }

  @Test
  void everySubsetOfIndependentWritesIsItsOwnState() throws IOException {
    FaultyDevice device = device(4);
    device.write(0, data(1));
    device.mark("m");
    device.write(1, data(2));
    device.write(2, data(3));
    Result result = enumerate(device, DEFAULTS);
    assertEquals(
        List.of("p4", "p4:s0", "p4:s2", "p4:s0-2", "p4:s3", "p4:s0,3", "p4:s2-3", "p4:s0-3"),
        tokens(result));
    assertTrue(result.exhaustive());
    assertEquals(0, result.duplicatesSkipped());
  }

  @Test
  void versionsOfOneBlockCountOncePerDistinctContent() throws IOException {
    FaultyDevice device = device(4);
    device.write(0, data(1));
    device.write(0, data(2));
    device.write(1, data(3));
    Result result = enumerate(device, DEFAULTS);
    // Block 0 holds base, version 1 or version 2; block 1 base or its write: 3 x 2 images.
    assertEquals(6, result.states().size());
    assertEquals(2, result.duplicatesSkipped());
  }

  @Test
  void equalBytesAreOneStateWhateverWroteThem() throws IOException {
    FaultyDevice device = device(4);
    device.write(0, data(1));
    device.write(0, data(1));
    device.write(1, data(0)); // the zeros block 1 already holds
    Result result = enumerate(device, DEFAULTS);
    assertEquals(List.of("p3", "p3:s0"), tokens(result));
    assertEquals(6, result.duplicatesSkipped());
  }

  @Test
  void beyondTheBoundItSamplesPrefixesAllButOnesAndRandomSubsets() throws IOException {
    FaultyDevice device = device(32);
    for (int i = 0; i < 15; i++) {
      device.write(i, data(i + 1));
    }
    Result result = enumerate(device, DEFAULTS);
    assertFalse(result.exhaustive());
    assertEquals(15, result.unflushedWrites());
    List<String> tokens = tokens(result);
    assertTrue(tokens.contains("p15"));
    for (int i = 0; i < 15; i++) {
      assertTrue(tokens.contains("p15:s0-" + i) || i == 0 && tokens.contains("p15:s0"), "" + i);
    }
    assertTrue(tokens.contains("p15:s1-14"));
    assertTrue(tokens.contains("p15:s0-6,8-14"));
    assertTrue(tokens.contains("p15:s0-13"));
    assertTrue(result.states().size() > 16 + 15 + 200, "" + result.states().size());
    assertEquals(result.states().size(), new HashSet<>(tokens).size());
  }

  @Test
  void samplesThinThePrefixAndAllButOneFamilies() throws IOException {
    FaultyDevice device = device(32);
    for (int i = 0; i < 30; i++) {
      device.write(i, data(i + 1));
    }
    List<String> four = tokens(enumerate(device, DEFAULTS.withSamples(4)));
    assertEquals(List.of("p30", "p30:s0-9", "p30:s0-19", "p30:s0-29"), four.subList(0, 4));
    assertEquals(List.of("p30:s1-29", "p30:s0-8,10-29", "p30:s0-18,20-29"), four.subList(4, 7));
    List<String> one = tokens(enumerate(device, DEFAULTS.withSamples(1)));
    assertEquals(List.of("p30:s0-29", "p30:s0-28"), one.subList(0, 2));
    assertTrue(one.size() <= 3);
  }

  @Test
  void withoutDropEveryCachedWriteSurvives() throws IOException {
    FaultyDevice device = device(32);
    for (int i = 0; i < 15; i++) {
      device.write(i % 3, data(i + 1));
    }
    Result result = enumerate(device, DEFAULTS.withDrop(false));
    assertEquals(List.of("p15:s0-14"), tokens(result));
    assertTrue(result.exhaustive());
  }

  @Test
  void faultClassesAddValidStatesOfTheirKind() throws IOException {
    FaultyDevice device = device(8);
    device.write(5, data(9));
    device.flush();
    for (int i = 0; i < 5; i++) {
      device.write(i, data(i + 1));
    }
    EnumerationOptions plain = DEFAULTS.withFaultSamples(12);
    int base = enumerate(device, plain).states().size();
    assertEquals(32, base);
    for (EnumerationOptions options :
        List.of(plain.withTorn(true), plain.withMisdirect(true), plain.withBitRot(true))) {
      Result result = enumerate(device, options);
      List<CrashState> faulty = result.states().subList(base, result.states().size());
      assertTrue(
          faulty.size() > 6 && faulty.size() + result.duplicatesSkipped() >= 12, "" + faulty);
      for (CrashState state : faulty) {
        assertTrue(state.hasFaults(), state.toToken());
        assertEquals(options.torn(), !state.tears().isEmpty(), state.toToken());
        assertEquals(options.misdirect(), !state.misdirects().isEmpty(), state.toToken());
        assertEquals(options.bitRot(), !state.bitRot().isEmpty(), state.toToken());
        device.powerLoss(state); // validates the state against the point
      }
    }
    Result withoutDrop = enumerate(device, plain.withDrop(false).withTorn(true).withBitRot(true));
    for (CrashState state : withoutDrop.states()) {
      assertEquals("2-6", state.survivorRanges()[0] + "-" + state.survivorRanges()[1]);
    }
  }

  @Test
  void faultsNeedRoomToHappen() throws IOException {
    FaultyDevice oneSector = new FaultyDevice(new MemoryBlockDevice(512, 1));
    oneSector.write(0, filled512());
    EnumerationOptions all = DEFAULTS.withTorn(true).withMisdirect(true);
    // A 512-byte block cannot tear and a one-block device cannot misdirect.
    assertEquals(2, CrashStateEnumerator.enumerate(oneSector.crashPoint(), all).states().size());
    FaultyDevice idle = device(4);
    assertEquals(1, enumerate(idle, all).states().size());
    assertTrue(enumerate(idle, all.withBitRot(true)).states().size() > 1);
  }

  static byte[] filled512() {
    byte[] bytes = new byte[512];
    Arrays.fill(bytes, (byte) 1);
    return bytes;
  }

  @Test
  void theSameSeedGivesTheSameStatesAndAnotherSeedOtherSamples() throws IOException {
    FaultyDevice device = device(32);
    for (int i = 0; i < 20; i++) {
      device.write(i % 16, data(i + 1));
    }
    EnumerationOptions options =
        EnumerationOptions.seeded(5).withTorn(true).withMisdirect(true).withBitRot(true);
    assertEquals(tokens(enumerate(device, options)), tokens(enumerate(device, options)));
    assertNotEquals(
        tokens(enumerate(device, options)), tokens(enumerate(device, options.withSeed(6))));
    Result viaLog =
        CrashStateEnumerator.enumerate(
            device.pristine(), device.log(), device.log().size(), options);
    assertEquals(tokens(enumerate(device, options)), tokens(viaLog));
  }

  @Test
  void optionsValidateAndDescribeThemselves() {
    EnumerationOptions o =
        EnumerationOptions.seeded(3)
            .withBound(4)
            .withSamples(9)
            .withFaultSamples(2)
            .withDrop(false)
            .withTorn(true)
            .withMisdirect(true)
            .withBitRot(true);
    assertEquals(
        "EnumerationOptions[seed=3, bound=4, samples=9, faultSamples=2, drop=false, torn=true,"
            + " misdirect=true, bitRot=true]",
        o.toString());
    assertEquals(3, o.seed());
    assertEquals(4, o.bound());
    assertEquals(9, o.samples());
    assertEquals(2, o.faultSamples());
    EnumerationOptions defaults = EnumerationOptions.seeded(0);
    assertEquals(10, defaults.bound());
    assertTrue(defaults.drop());
    assertFalse(defaults.torn() || defaults.misdirect() || defaults.bitRot());
    assertThrows(IllegalArgumentException.class, () -> defaults.withBound(-1));
    assertThrows(IllegalArgumentException.class, () -> defaults.withBound(21));
    assertThrows(IllegalArgumentException.class, () -> defaults.withSamples(0));
    assertThrows(IllegalArgumentException.class, () -> defaults.withSamples(1 << 21));
    assertThrows(IllegalArgumentException.class, () -> defaults.withFaultSamples(-1));
    assertThrows(IllegalArgumentException.class, () -> defaults.withFaultSamples(1 << 21));
  }
}
