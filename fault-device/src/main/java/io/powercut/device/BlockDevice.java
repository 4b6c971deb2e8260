package io.powercut.device;

import java.io.IOException;

/**
 * A device of fixed-size blocks, the unit a storage engine reads and writes.
 *
 * <p>Contract shared by every implementation:
 *
 * <ul>
 *   <li>Buffers are exactly {@link #blockSize()} bytes long; any other length is a programming
 *       error ({@link IllegalArgumentException}).
 *   <li>A block number outside {@code [0, blockCount())} is a programming error ({@link
 *       IllegalArgumentException} naming the block and the count). Callers that take block numbers
 *       from untrusted data (an on-disk pointer, say) check them against {@link #blockCount()}
 *       first, so a corrupt pointer is reported as corruption, not as a crash of the harness.
 *   <li>{@link #write} completes into a possibly volatile cache: it is durable only after a later
 *       {@link #flush}. {@link #writeFua} is durable when it returns (forced unit access). Reads
 *       always see the latest completed write.
 *   <li>Using a closed device is a programming error ({@link IllegalStateException}); closing twice
 *       is allowed.
 *   <li>Implementations are not thread-safe: the harness runs one deterministic thread per device.
 * </ul>
 */
public interface BlockDevice extends AutoCloseable {
  /** The block size of dm-thin metadata and of most file systems. */
  int DEFAULT_BLOCK_SIZE = 4096;

  /** The unit a disk writes atomically; torn writes tear at this granularity. */
  int SECTOR_SIZE = 512;

  /** The largest block size: a block has at most 64 sectors so that a sector mask fits a long. */
  int MAX_BLOCK_SIZE = Long.SIZE * SECTOR_SIZE;

  int blockSize();

  long blockCount();

  /** Copies the latest content of {@code block} into {@code dst}. */
  void read(long block, byte[] dst) throws IOException;

  /** Writes {@code src} to {@code block}; durable only after a later {@link #flush}. */
  void write(long block, byte[] src) throws IOException;

  /** Writes {@code src} to {@code block}, durable on return; other pending writes stay pending. */
  void writeFua(long block, byte[] src) throws IOException;

  /** Makes every write that completed before this call durable. */
  void flush() throws IOException;

  @Override
  void close() throws IOException;
}
