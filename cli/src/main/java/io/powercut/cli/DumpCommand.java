package io.powercut.cli;

import io.powercut.device.FileBlockDevice;
import io.powercut.thin.xml.DumpCompat;
import io.powercut.thin.xml.PoolDumper;
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
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code powercut dump}: thin_dump, byte for byte. The image is only read. With {@code -o} the XML
 * goes to a temporary file renamed into place at the end, so a corrupt image leaves no partial file
 * and the old one intact.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a dm-thin pool metadata image as XML, exactly as thin_dump 0.9.0 does (or, with"
          + " --compat 1.1, as thin_dump 1.1.0 does).",
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

  @Mixin ImageArgument image;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT.xml",
      description = "write the XML here instead of to standard output")
  Path output;

  @Option(
      names = {"-m", "--metadata-snap"},
      description = "dump the metadata snapshot the pool holds, as thin_dump -m")
  boolean metadataSnapshot;

  @Option(
      names = "--compat",
      paramLabel = "0.9|1.1",
      converter = CompatConverter.class,
      description =
          "whose thin_dump to match byte for byte: 0.9 (0.9.0, the default) or 1.1 (1.1.0: shared"
              + " leaves as <def>/<ref>, flags only when set, no final newline)")
  DumpCompat compat = DumpCompat.V0_9;

  @Mixin DebugOption debug;

  /** {@code --compat}: a bad value is a usage error naming the good ones. */
  static final class CompatConverter implements ITypeConverter<DumpCompat> {
    @Override
    public DumpCompat convert(String value) {
      try {
        return DumpCompat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected 0.9 or 1.1, got '" + value + "'");
      }
    }
  }

  @Override
  public Integer call() {
    Path tmp = null;
    try (FileBlockDevice device = image.openReadOnly()) {
      if (output == null) {
        OutputStream out = System.out;
        PoolDumper.dump(device, metadataSnapshot, compat, new PoolXmlWriter(out, compat));
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
        PoolDumper.dump(device, metadataSnapshot, compat, new PoolXmlWriter(out, compat));
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return Main.OK;
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return debug.report(spec, e);
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
