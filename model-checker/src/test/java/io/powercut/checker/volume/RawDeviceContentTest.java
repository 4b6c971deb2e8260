package io.powercut.checker.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.volume.SectorVerdict.Kind;
import io.powercut.device.CrashPoint;
import io.powercut.device.CrashState;
import io.powercut.device.FaultyDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The model is engine-agnostic: over a bare {@link FaultyDevice} (one volume, id 0, the whole
 * device), every crash state the fault-device's crash model allows, torn writes included, is one
 * the model allows; bit rot is garbage.
 */
class RawDeviceContentTest {
  private static final int BLOCKS = 8;

  private static FaultyDevice randomWorkload(VolumeContentModel model, SplittableRandom r, int ops)
      throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(4096, BLOCKS));
    model.createVolume(0);
    for (int i = 0; i < ops; i++) {
      int pick = r.nextInt(10);
      long block = r.nextLong(BLOCKS);
      if (pick < 6) {
        byte[] b = model.nextWrite(0, block, 1);
        device.write(block, b);
        model.write(0, block, b);
      } else if (pick < 8) {
        byte[] b = model.nextWrite(0, block, 1);
        device.writeFua(block, b);
        model.writeFua(0, block, b);
      } else {
        device.flush();
        model.flush(0);
      }
    }
    return device;
  }

  @PropertyTest(seeds = 50)
  void everyCrashStateWithSurvivorsAndTearsIsAllowed(SplittableRandom r) throws IOException {
    VolumeContentModel model = new VolumeContentModel(1);
    FaultyDevice device = randomWorkload(model, r, 1 + r.nextInt(30));
    CrashPoint point = device.crashPoint();
    CrashState.Builder state = CrashState.at(point.position());
    for (int write : point.unflushedWrites()) {
      if (r.nextBoolean()) {
        state.survive(write);
        if (r.nextInt(3) == 0) {
          state.tear(write, 1 + r.nextLong(0xFF));
        }
      }
    }
    CrashState s = state.build();
    List<SectorVerdict> verdicts = model.judge(0, device.powerLoss(s));
    assertEquals(List.of(), verdicts, "state " + s.toToken());
  }

  @Test
  void aRottedBitOfAWrittenSectorIsGarbage() throws IOException {
    VolumeContentModel model = new VolumeContentModel(1);
    model.createVolume(0);
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(4096, BLOCKS));
    byte[] b = model.nextWrite(0, 3, 1);
    device.writeFua(3, b);
    model.writeFua(0, 3, b);
    int bit = 2 * 512 * 8 + 77; // in sector 2 of block 3
    List<SectorVerdict> verdicts =
        model.judge(0, device.powerLoss(CrashState.at(device.log().size()).rot(3, bit).build()));
    assertEquals(1, verdicts.size(), verdicts.toString());
    assertEquals(Kind.GARBAGE, verdicts.get(0).kind());
    assertTrue(
        verdicts.get(0).message().startsWith("volume 0 sector 26: expected version 0, got garbage"),
        verdicts.get(0).message());
  }
}
