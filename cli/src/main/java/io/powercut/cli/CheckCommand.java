package io.powercut.cli;

import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.check.Problem;
import io.powercut.thin.check.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

  @Parameters(index = "0", paramLabel = "IMAGE", description = "the metadata image or device")
  Path image;

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

  @Option(names = "--debug", description = "show the stack trace of an error")
  boolean debug;

  @Override
  public Integer call() {
    try (ImageFile device = ImageFile.openReadOnly(image)) {
      CheckReport report =
          MetadataChecker.check(
              device, new CheckOptions(metadataSnapshot, superblockOnly, skipMappings));
      if (!quiet) {
        print(report, spec.commandLine().getOut());
      }
      return report.clean() ? Main.OK : Main.FINDING;
    } catch (IOException | RuntimeException e) {
      if (quiet && !debug) {
        return Errors.exitCode(e);
      }
      return Errors.report("check", e, spec.commandLine().getErr(), debug);
    }
  }

  private void print(CheckReport report, PrintWriter out) {
    long fatal = 0;
    for (Problem p : report.problems()) {
      out.println(p.severity() + " " + p);
      if (p.severity() == Severity.FATAL) {
        fatal++;
      }
    }
    if (report.omittedProblems() > 0) {
      out.println("... and " + report.omittedProblems() + " more problems not listed");
    }
    StringBuilder s = new StringBuilder(image.toString()).append(": ");
    if (report.clean()) {
      s.append("clean");
    } else {
      long listed = report.problems().size();
      s.append(listed + report.omittedProblems())
          .append(listed + report.omittedProblems() == 1 ? " problem" : " problems")
          .append(report.hasFatal() ? " (fatal: the metadata is unsafe to use)" : " (none fatal)");
      if (fatal > 0) {
        s.append(", ").append(fatal).append(" fatal listed");
      }
    }
    s.append("; transaction ").append(report.transactionId());
    figure(s, "devices", report.devices());
    figure(s, "mappings", report.mappings());
    figure(s, "metadata blocks in use", report.metadataBlocksInUse());
    figure(s, "data blocks in use", report.dataBlocksInUse());
    figure(s, "metadata blocks free", report.metadataFreeBlocks());
    out.println(s);
    out.flush();
  }

  /** Appends a figure the check counted; one its options skipped (-1) is left out. */
  private static void figure(StringBuilder s, String name, long value) {
    if (value >= 0) {
      s.append(", ").append(value).append(' ').append(name);
    }
  }
}
