/**
 * The dm-thin pool target: the logic of the kernel's {@code drivers/md/dm-thin.c} over the
 * reference engine's pool metadata. A {@link io.powercut.thin.target.ThinPool} runs over a metadata
 * device and a data device; each {@link io.powercut.thin.target.ThinVolume} is a block device whose
 * blocks it provisions, zeroes, shares with snapshots and unshares, discards, and makes durable
 * with commits that always flush the data device first.
 */
package io.powercut.thin.target;
