package io.powercut.cli;

import io.powercut.thin.PoolDumper;
import io.powercut.thin.xml.PoolXmlWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code powercut dump}: thin_dump, byte for byte. The image is only read. With {@code -o} the XML
 * goes to a temporary file renamed into place at the end, so a corrupt image leaves no partial file
 * and the old one intact.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a dm-thin pool metadata image as XML, exactly as thin_dump 0.9.0 does.",
      "The image is only read; a corrupt one stops the dump with an error naming the block,"
          + " the rule and the path."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:dumped",
      "1:the image is corrupt, truncated, or holds no metadata snapshot for -m",
      "2:usage or environment: missing IMAGE, unwritable output, IO errors"
    })
final class DumpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "the metadata image or device")
  Path image;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT.xml",
      description = "write the XML here instead of to standard output")
  Path output;

  @Option(
      names = {"-m", "--metadata-snap"},
      description = "dump the metadata snapshot the pool holds, as thin_dump -m")
  boolean metadataSnapshot;

  @Option(names = "--debug", description = "show the stack trace of an error")
  boolean debug;

  @Override
  public Integer call() {
    Path tmp = null;
    try (ImageFile device = ImageFile.openReadOnly(image)) {
      if (output == null) {
        OutputStream out = System.out;
        PoolDumper.dump(device, metadataSnapshot, new PoolXmlWriter(out));
        if (System.out.checkError()) {
          throw new UsageException("cannot write to standard output");
        }
        return Main.OK;
      }
      if (Files.isDirectory(output)) {
        throw new UsageException(output + ": is a directory");
      }
      Path dir = output.toAbsolutePath().getParent();
      tmp = Files.createTempFile(dir, "." + output.getFileName() + ".", ".dumping");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        PoolDumper.dump(device, metadataSnapshot, new PoolXmlWriter(out));
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return Main.OK;
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return Errors.report("dump", e, spec.commandLine().getErr(), debug);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // Best effort: the temporary file's name says what it is.
        }
      }
    }
  }
}
