package io.powercut.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Devices that share one power supply, such as dm-thin's metadata device and data device: one
 * {@link FaultyDevice} per pristine device, each with its own volatile cache, all appending to one
 * {@link IoLog} so that log positions order the IOs of every device. A flush of one device makes
 * only that device's cached writes durable. A power cut at a position hits every device at once
 * ({@link #crashPoint(int)}); a {@link CrashState} over the union of their unflushed writes names
 * one outcome, and {@link #powerLoss} gives each device's {@link CrashImage}.
 *
 * <p>A group of one device behaves exactly as a {@link FaultyDevice} alone.
 */
public final class FaultyDeviceGroup {
  private final LogAppender appender;
  private final List<FaultyDevice> members;
  private GroupCrashPoint lastPoint;

  /** Devices over {@code pristines}, numbered in that order, that never fail an IO. */
  public FaultyDeviceGroup(List<? extends BlockDevice> pristines) {
    this(pristines, Collections.nCopies(pristines.size(), IoFaults.none()));
  }

  /**
   * Devices over {@code pristines}, device {@code d} failing IOs as {@code faults.get(d)} plans.
   */
  public FaultyDeviceGroup(List<? extends BlockDevice> pristines, List<IoFaults> faults) {
    if (pristines.size() != faults.size()) {
      throw new IllegalArgumentException(
          pristines.size() + " devices but " + faults.size() + " IO fault plans");
    }
    List<BlockGeometry> geometries = new ArrayList<>(pristines.size());
    for (BlockDevice pristine : pristines) {
      geometries.add(BlockGeometry.of(Objects.requireNonNull(pristine, "pristine")));
    }
    this.appender = new LogAppender(IoLog.ofDevices(geometries));
    List<FaultyDevice> devices = new ArrayList<>(pristines.size());
    for (int d = 0; d < pristines.size(); d++) {
      devices.add(new FaultyDevice(pristines.get(d), faults.get(d), appender, d));
    }
    this.members = List.copyOf(devices);
  }

  /** How many devices the group has. */
  public int size() {
    return members.size();
  }

  /** Device {@code device} of the group. */
  public FaultyDevice member(int device) {
    log().checkDevice(device);
    return members.get(device);
  }

  /** The devices, in order. */
  public List<FaultyDevice> members() {
    return members;
  }

  /** The live log of every device. Append to it only through the group or its devices. */
  public IoLog log() {
    return appender.log();
  }

  /** Adds a free-text mark to the log; returns its position in the log. */
  public int mark(String label) {
    return appender.mark(label);
  }

  /** The number of writes, on all devices, a power cut right now could drop. */
  public int unflushedWrites() {
    int total = 0;
    for (FaultyDevice member : members) {
      total += member.unflushedWrites();
    }
    return total;
  }

  /** The power cut at the current end of the log. */
  public GroupCrashPoint crashPoint() {
    return crashPoint(log().size());
  }

  /** The power cut at {@code position} of the log, on every device; the last one is reused. */
  public GroupCrashPoint crashPoint(int position) {
    if (lastPoint == null || lastPoint.position() != position) {
      List<CrashPoint> shares = new ArrayList<>(members.size());
      for (FaultyDevice member : members) {
        shares.add(member.crashPoint(position));
      }
      lastPoint = new GroupCrashPoint(shares);
    }
    return lastPoint;
  }

  /** Every device's disk after a power cut in {@code state}, indexed by device. */
  public List<CrashImage> powerLoss(CrashState state) {
    return crashPoint(state.position()).images(state);
  }

  @Override
  public String toString() {
    return "FaultyDeviceGroup[" + members + "]";
  }
}
