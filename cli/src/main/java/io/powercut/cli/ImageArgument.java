package io.powercut.cli;

import io.powercut.device.FileBlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The IMAGE that dump and check only read: a positional picocli mixin. */
final class ImageArgument {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "the metadata image or device")
  Path path;

  /** The image as a device that refuses every write. */
  FileBlockDevice openReadOnly() throws IOException {
    return FileBlockDevice.openReadOnly(path);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
