package io.powercut.cli;

import io.powercut.device.TruncatedImageException;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.NoSpaceException;
import io.powercut.thin.PoolOperationException;
import io.powercut.thin.xml.PoolXmlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Turns a command's failure into one line on stderr and an exit code: 1 for what the input says
 * (corrupt metadata, bad XML, a missing snapshot), 2 for how the command was run or its environment
 * (missing files, a full image, IO errors). Stack traces only with {@code --debug}.
 */
final class Errors {
  private Errors() {}

  static int report(String command, Throwable e, PrintWriter err, boolean debug) {
    int code = exitCode(e);
    err.println(command + ": " + message(e));
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  static int exitCode(Throwable e) {
    if (e instanceof CorruptMetadataException
        || e instanceof PoolXmlException
        || e instanceof TruncatedImageException
        || e instanceof PoolOperationException) {
      return Main.FINDING;
    }
    if (e instanceof IOException || e instanceof OutOfMemoryError) {
      return Main.USAGE;
    }
    // An unexpected exception: most likely metadata bad in a way no check caught.
    return Main.FINDING;
  }

  static String message(Throwable e) {
    if (e instanceof NoSpaceException) {
      return "the image is too small: "
          + e.getMessage()
          + " space ran out (give a larger --size or image)";
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory; give Java more heap, e.g. POWERCUT_JAVA_OPTS=-Xmx2g";
    }
    if (e instanceof CorruptMetadataException) {
      return "corrupt metadata: " + oneLine(e.getMessage());
    }
    if (!(e instanceof IOException)) {
      return "internal error: "
          + oneLine(String.valueOf(e))
          + " (probably metadata damaged in a way no check caught; --debug shows where)";
    }
    if (e instanceof TruncatedImageException) {
      return oneLine(e.getMessage()) + ": truncated, or not a metadata image";
    }
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return f.getFile() + ": " + reason(f);
    }
    String m = e.getMessage();
    return oneLine(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
  }

  /** The OS's reason for a file error, without the file name Java repeats. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return oneLine(String.valueOf(e.getMessage()));
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
