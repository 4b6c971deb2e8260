package io.powercut.thin.xml;

/**
 * The attributes of the XML {@code <superblock>} element. Numbers hold their unsigned value in a
 * {@code long} (transaction is u64); {@code metadataSnap} is 0 when the attribute is absent.
 */
public record XmlSuperblock(
    String uuid,
    long time,
    long transaction,
    long flags,
    long version,
    long dataBlockSize,
    long nrDataBlocks,
    long metadataSnap) {}
