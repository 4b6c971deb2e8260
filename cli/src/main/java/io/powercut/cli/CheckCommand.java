package io.powercut.cli;

import io.powercut.device.FileBlockDevice;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.check.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code powercut check}: the strict metadata checker, with thin_check's switches. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks dm-thin pool metadata, more strictly than thin_check 0.9.0 (data block reference"
          + " counts, mapped_blocks, key ranges, both trees' devices...). The image is only read.",
      "Prints each problem on its own line (\"SEVERITY block N: rule: message (at path)\"),"
          + " then a summary."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the metadata is clean",
      "1:a problem was found (fatal or not), or the image is truncated",
      "2:usage or environment: missing IMAGE, IO errors"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ImageArgument image;

  @Option(
      names = {"-q", "--quiet"},
      description = "print nothing; only the exit code tells")
  boolean quiet;

  @Option(
      names = {"-m", "--metadata-snap"},
      description = "also report problems inside the held metadata snapshot")
  boolean metadataSnapshot;

  @Option(names = "--super-block-only", description = "check only the superblock")
  boolean superblockOnly;

  @Option(
      names = "--skip-mappings",
      description = "walk only the top level of the mapping tree (no reference counts)")
  boolean skipMappings;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    try (FileBlockDevice device = image.openReadOnly()) {
      CheckReport report =
          MetadataChecker.check(
              device, new CheckOptions(metadataSnapshot, superblockOnly, skipMappings));
      if (!quiet) {
        print(report, spec.commandLine().getOut());
      }
      return report.clean() ? Main.OK : Main.FINDING;
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      if (quiet && !debug.enabled) {
        return Errors.exitCode(e);
      }
      return debug.report(spec, e);
    }
  }

  private void print(CheckReport report, PrintWriter out) {
    for (Problem p : report.problems()) {
      out.println(p.severity() + " " + p);
    }
    if (report.omittedProblems() > 0) {
      out.println("... and " + report.omittedProblems() + " more problems not listed");
    }
    StringBuilder s = new StringBuilder(image.toString()).append(": ");
    long problems = report.problems().size() + report.omittedProblems();
    if (report.clean()) {
      s.append("clean");
    } else {
      s.append(problems)
          .append(problems == 1 ? " problem, " : " problems, ")
          .append(report.hasFatal() ? "fatal: the metadata is unsafe to use" : "none fatal");
    }
    String sep = "; ";
    sep = figure(s, sep, "transaction ", report.transactionId(), "");
    sep = figure(s, sep, "", report.devices(), " devices");
    sep = figure(s, sep, "", report.mappings(), " mappings");
    sep = figure(s, sep, "", report.metadataBlocksInUse(), " metadata blocks in use");
    sep = figure(s, sep, "", report.dataBlocksInUse(), " data blocks in use");
    figure(s, sep, "", report.metadataFreeBlocks(), " metadata blocks free");
    out.println(s);
    out.flush();
  }

  /**
   * Appends a figure the check counted after {@code sep}; one its options skipped (-1) is left out.
   * Returns the separator for the next figure.
   */
  private static String figure(
      StringBuilder s, String sep, String before, long value, String after) {
    if (value < 0) {
      return sep;
    }
    s.append(sep).append(before).append(value).append(after);
    return ", ";
  }
}
