package io.powercut.cli;

import io.powercut.device.BlockDevice;
import io.powercut.device.FileBlockDevice;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.xml.PoolBuilder;
import io.powercut.thin.xml.PoolInstall;
import io.powercut.thin.xml.PoolSizer;
import io.powercut.thin.xml.PoolXmlHandler;
import io.powercut.thin.xml.PoolXmlPipeline;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code powercut restore}: thin_restore. The image is built in a temporary file and only then
 * installed: a new image is renamed into place; into an existing image or device {@link
 * PoolInstall} builds around the pool it holds and installs superblock last, so bad XML, a full
 * image or a power cut never damages what was there.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a dm-thin pool metadata image from thin_dump XML, as thin_restore does.",
      "A new IMAGE is sized by --size, or by default for what the XML needs plus headroom;"
          + " an existing file or block device is reused at its size. IMAGE is changed only"
          + " after the whole XML has been read and the image built."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:restored",
      "1:the XML is malformed or describes an impossible pool (one line names file:line:column)",
      "2:usage or environment: missing input, unusable IMAGE, IMAGE too small, IO errors"
    })
final class RestoreCommand implements Callable<Integer> {
  private static final int BLOCK = BlockDevice.DEFAULT_BLOCK_SIZE;

  @Spec CommandSpec spec;

  @Option(
      names = {"-i", "--input"},
      required = true,
      paramLabel = "POOL.xml",
      description = "the pool XML (thin_dump format)")
  Path input;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "IMAGE",
      description = "the metadata image to write: a new file, an existing file or a block device")
  Path output;

  @Option(
      names = "--size",
      paramLabel = "BYTES",
      converter = ByteSize.class,
      description = "size of a new IMAGE, a multiple of 4096: bytes, or with a K, M, G or T suffix")
  Long size;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    Path tmp = null;
    try {
      checkInput();
      boolean existing = Files.exists(output);
      long bytes = existing ? existingSize() : newSize();
      checkSize(bytes);
      tmp = tempFile(existing && !Files.isRegularFile(output));
      try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
        f.setLength(bytes); // sparse: only the blocks the pool uses take space
      }
      if (existing) {
        try (FileBlockDevice scratch = FileBlockDevice.open(tmp);
            FileBlockDevice target = FileBlockDevice.open(output)) {
          PoolInstall.restore(this::read, scratch, target);
        }
        Files.delete(tmp);
      } else {
        try (FileBlockDevice device = FileBlockDevice.open(tmp)) {
          read(new PoolBuilder(device));
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, output);
      }
      tmp = null;
      return Main.OK;
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return debug.report(spec, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private void checkInput() throws UsageException {
    if (!Files.exists(input)) {
      throw new UsageException(input + ": no such file");
    }
    if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
      throw new UsageException(input + ": not a readable file");
    }
  }

  private long existingSize() throws IOException {
    if (Files.isDirectory(output)) {
      throw new UsageException(output + ": is a directory");
    }
    if (size != null) {
      throw new UsageException(
          output + ": exists; --size only sizes a new image (an existing one keeps its size)");
    }
    long bytes;
    try (FileChannel c = FileChannel.open(output, StandardOpenOption.READ)) {
      bytes = c.size();
    }
    if (bytes == 0 && !Files.isRegularFile(output)) {
      throw new UsageException(output + ": cannot tell the size of this device");
    }
    return bytes;
  }

  private long newSize() throws IOException {
    Path parent = output.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UsageException(output + ": the directory does not exist");
    }
    if (size != null) {
      return size;
    }
    // A first pass counts what the pool needs (and finds bad XML before anything is written).
    PoolSizer sizer = new PoolSizer();
    read(sizer);
    if (sizer.metadataBlocks() > PoolSizer.maxBlocks()) {
      throw new UsageException(
          input
              + ": needs about "
              + sizer.metadataBlocks()
              + " metadata blocks, more than the format's maximum of "
              + PoolSizer.maxBlocks());
    }
    return sizer.metadataBlocks() * BLOCK;
  }

  private void checkSize(long bytes) throws UsageException {
    String what = size != null ? "--size " + size : output + ": size " + bytes;
    if (bytes % BLOCK != 0) {
      throw new UsageException(what + " is not a multiple of " + BLOCK);
    }
    long min = PoolMetadata.MIN_METADATA_BLOCKS * BLOCK;
    if (bytes < min) {
      throw new UsageException(what + " bytes is too small for a pool: at least " + min);
    }
  }

  private void read(PoolXmlHandler handler) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
      PoolXmlPipeline.read(in, input.toString(), handler);
    }
  }

  /** Next to the output, so the final rename stays within one file system; not for devices. */
  private Path tempFile(boolean outputIsDevice) throws IOException {
    Path dir =
        outputIsDevice
            ? Path.of(System.getProperty("java.io.tmpdir"))
            : output.toAbsolutePath().getParent();
    return Files.createTempFile(dir, "." + output.getFileName() + ".", ".restoring");
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // Best effort: the temporary file's name says what it is.
    }
  }
}
