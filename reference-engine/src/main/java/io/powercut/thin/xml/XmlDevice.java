package io.powercut.thin.xml;

/** The attributes of the XML {@code <device>} element; transaction is u64, the rest fit a u32. */
public record XmlDevice(
    long devId, long mappedBlocks, long transaction, long creationTime, long snapTime) {}
