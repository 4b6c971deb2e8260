package io.powercut.fuzz;

import io.powercut.thin.DeviceDetails;

/** A field of a device's details, read and replaced through the {@link DeviceDetails} record. */
public enum DetailsField {
  MAPPED_BLOCKS(64),
  TRANSACTION_ID(64),
  CREATION_TIME(32),
  SNAPSHOTTED_TIME(32);

  private final int bits;

  DetailsField(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  public long get(DeviceDetails d) {
    return switch (this) {
      case MAPPED_BLOCKS -> d.mappedBlocks();
      case TRANSACTION_ID -> d.transactionId();
      case CREATION_TIME -> d.creationTime();
      case SNAPSHOTTED_TIME -> d.snapshottedTime();
    };
  }

  public DeviceDetails with(DeviceDetails d, long v) {
    return new DeviceDetails(
        this == MAPPED_BLOCKS ? v : d.mappedBlocks(),
        this == TRANSACTION_ID ? v : d.transactionId(),
        this == CREATION_TIME ? v : d.creationTime(),
        this == SNAPSHOTTED_TIME ? v : d.snapshottedTime());
  }
}
