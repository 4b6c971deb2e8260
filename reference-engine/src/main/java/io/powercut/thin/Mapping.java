package io.powercut.thin;

/**
 * The result of looking up a virtual block: the data block, and whether it may be shared with a
 * snapshot (it was mapped before the device's latest snapshot, so writes must break sharing).
 */
public record Mapping(long dataBlock, long time, boolean shared) {}
