package io.powercut.device;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One power cut at one position of a log that several devices share (a {@link FaultyDeviceGroup}):
 * every device loses power at once, each keeping its own durable base and losing any subset of its
 * own unflushed writes. It holds each device's share as a {@link CrashPoint}; a {@link CrashState}
 * over the union of their unflushed writes (log indices are global) yields one {@link CrashImage}
 * per device.
 *
 * <p>A group of one device is exactly its {@link CrashPoint}: the same states, the same images.
 */
public final class GroupCrashPoint {
  private final List<CrashPoint> members;
  private final IoLog log;
  private final int position;
  // The unflushed writes of every device, ascending.
  private final int[] unflushed;

  GroupCrashPoint(List<CrashPoint> members) {
    this.members = List.copyOf(members);
    CrashPoint first = this.members.get(0);
    this.log = first.log();
    this.position = first.position();
    int total = 0;
    for (int d = 0; d < this.members.size(); d++) {
      CrashPoint member = this.members.get(d);
      if (member.log() != log || member.position() != position || member.device() != d) {
        throw new IllegalArgumentException(
            "member " + d + " " + member + " is not device " + d + " of this log at " + position);
      }
      total += member.unflushedCount();
    }
    int[] all = new int[total];
    int n = 0;
    for (CrashPoint member : this.members) {
      int[] own = member.unflushedWrites();
      System.arraycopy(own, 0, all, n, own.length);
      n += own.length;
    }
    Arrays.sort(all);
    this.unflushed = all;
  }

  /**
   * The power cut at {@code position} of {@code log}, whose device {@code d} ran over {@code
   * initials.get(d)}, the image it held before the first logged IO.
   */
  public static GroupCrashPoint of(List<? extends BlockDevice> initials, IoLog log, int position) {
    if (initials.size() != log.deviceCount()) {
      throw new IllegalArgumentException(
          initials.size() + " initial devices for a log of " + log.deviceCount());
    }
    List<CrashPoint> members = new ArrayList<>();
    for (int d = 0; d < initials.size(); d++) {
      members.add(CrashPoint.of(initials.get(d), log, d, position));
    }
    return new GroupCrashPoint(members);
  }

  public int position() {
    return position;
  }

  public IoLog log() {
    return log;
  }

  public int deviceCount() {
    return members.size();
  }

  /** Device {@code device}'s share of the cut. */
  public CrashPoint member(int device) {
    log.checkDevice(device);
    return members.get(device);
  }

  /** The log indices of the writes the cut may drop, on every device, ascending. */
  public int[] unflushedWrites() {
    return unflushed.clone();
  }

  public int unflushedCount() {
    return unflushed.length;
  }

  /** The state in which every unflushed write of every device survives. */
  public CrashState allSurvive() {
    return CrashState.allSurvive(position, unflushed);
  }

  /** The state in which every unflushed write of every device is lost. */
  public CrashState noneSurvive() {
    return CrashState.at(position).build();
  }

  /** Reads the durable content of {@code block} of {@code device}, before any survivor lands. */
  public void readDurable(int device, long block, byte[] dst) throws IOException {
    member(device).readDurable(block, dst);
  }

  /**
   * The image of every device after the cut in {@code state}, indexed by device. Throws {@link
   * IllegalArgumentException} if the state does not fit: another position, a survivor range whose
   * ends are not unflushed writes, a torn or misdirected write that is not an unflushed write, or
   * anything its device's {@link CrashPoint#image} refuses.
   */
  public List<CrashImage> images(CrashState state) {
    if (members.size() == 1) {
      // A device alone: its point's own checks and image, unchanged.
      return List.of(members.get(0).image(state));
    }
    if (state.position() != position) {
      throw new IllegalArgumentException(
          "state " + state + " is for position " + state.position() + ", not " + position);
    }
    for (int end : state.ranges()) {
      requireUnflushed(end, state);
    }
    for (int write : state.tearWrites()) {
      requireUnflushed(write, state);
    }
    for (int write : state.misdirectWrites()) {
      requireUnflushed(write, state);
    }
    for (int device : state.rotDevices()) {
      if (device >= members.size()) {
        throw new IllegalArgumentException(
            "state " + state + ": bit rot on device " + device + " of " + members.size());
      }
    }
    List<CrashImage> images = new ArrayList<>(members.size());
    for (int d = 0; d < members.size(); d++) {
      images.add(members.get(d).image(stateOf(d, state)));
    }
    return List.copyOf(images);
  }

  /** The share of {@code state} on {@code device}: its survivors, tears, misdirects and rot. */
  CrashState stateOf(int device, CrashState state) {
    int[] own = members.get(device).unflushedWrites();
    CrashState.Builder b = CrashState.at(position);
    // One range per run of this device's surviving writes, as SurvivorSets writes them.
    for (int i = 0; i < own.length; i++) {
      if (state.covers(own[i])) {
        int j = i;
        while (j + 1 < own.length && state.covers(own[j + 1])) {
          j++;
        }
        b.survive(own[i], own[j]);
        i = j;
      }
    }
    for (Map.Entry<Integer, Long> tear : state.tears().entrySet()) {
      if (log.device(tear.getKey()) == device) {
        b.tear(tear.getKey(), tear.getValue());
      }
    }
    for (Map.Entry<Integer, Long> misdirect : state.misdirects().entrySet()) {
      if (log.device(misdirect.getKey()) == device) {
        b.misdirect(misdirect.getKey(), misdirect.getValue());
      }
    }
    for (Map.Entry<Long, List<Integer>> rot : state.bitRot(device).entrySet()) {
      for (int bit : rot.getValue()) {
        b.rot(device, rot.getKey(), bit);
      }
    }
    return b.build();
  }

  private void requireUnflushed(int index, CrashState state) {
    if (Arrays.binarySearch(unflushed, index) < 0) {
      throw new IllegalArgumentException(
          "state "
              + state
              + ": entry "
              + log.describe(index)
              + " is not an unflushed write at "
              + position);
    }
  }

  @Override
  public String toString() {
    return "GroupCrashPoint[position "
        + position
        + ", "
        + members.size()
        + " devices, "
        + unflushed.length
        + " unflushed writes]";
  }
}
