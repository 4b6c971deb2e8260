package io.powercut.thin;

import io.powercut.pdata.Le;

/**
 * A thin device's entry in the details tree, and the owner of its 24-byte layout: mapped block
 * count, the pool transaction id when it was created, and its creation and last-snapshot times.
 */
public record DeviceDetails(
    long mappedBlocks, long transactionId, long creationTime, long snapshottedTime) {
  public static final int SIZE = 24;

  private static final int MAPPED_BLOCKS = 0;
  private static final int TRANSACTION_ID = 8;
  private static final int CREATION_TIME = 16;
  private static final int SNAPSHOTTED_TIME = 20;

  public static DeviceDetails read(byte[] b, int off) {
    return new DeviceDetails(
        Le.u64(b, off + MAPPED_BLOCKS),
        Le.u64(b, off + TRANSACTION_ID),
        Le.u32(b, off + CREATION_TIME),
        Le.u32(b, off + SNAPSHOTTED_TIME));
  }

  public byte[] toBytes() {
    byte[] b = new byte[SIZE];
    Le.putU64(b, MAPPED_BLOCKS, mappedBlocks);
    Le.putU64(b, TRANSACTION_ID, transactionId);
    Le.putU32(b, CREATION_TIME, creationTime);
    Le.putU32(b, SNAPSHOTTED_TIME, snapshottedTime);
    return b;
  }

  public DeviceDetails withMappedBlocks(long n) {
    return new DeviceDetails(n, transactionId, creationTime, snapshottedTime);
  }

  public DeviceDetails withSnapshottedTime(long t) {
    return new DeviceDetails(mappedBlocks, transactionId, creationTime, t);
  }
}
