package io.powercut.thin.xml;

import java.io.IOException;

/**
 * Receives a pool in the order of the thin_dump / thin_restore XML: the superblock, then each
 * device with its mappings, then the end. {@link PoolXmlReader} produces these events from XML, the
 * pool dumper from an image; {@link PoolXmlWriter} turns them into XML and the pool builder into an
 * image, so any source can feed any sink without holding the pool in memory.
 */
public interface PoolXmlHandler {
  void beginSuperblock(XmlSuperblock superblock) throws IOException;

  void beginDevice(XmlDevice device) throws IOException;

  /**
   * Maps {@code length} (at least 1) consecutive virtual blocks from {@code originBegin} to as many
   * consecutive data blocks from {@code dataBegin}, all at {@code time}.
   */
  void mapping(long originBegin, long dataBegin, long length, long time) throws IOException;

  void endDevice() throws IOException;

  void endSuperblock() throws IOException;
}
