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

  /**
   * Begins a shared definition (thin_dump 1.1's {@code <def name="N">}): mappings up to {@link
   * #endDef} belong to it, and a {@link #ref} names them. Only thin_dump 1.1 XML has them, before
   * the devices; a sink that cannot take them refuses.
   */
  default void beginDef(String name) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no <def>");
  }

  default void endDef() throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no <def>");
  }

  /** Inside a device: the mappings of the definition {@code name}, here (a {@code <ref>}). */
  default void ref(String name) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no <ref>");
  }

  void endSuperblock() throws IOException;
}
