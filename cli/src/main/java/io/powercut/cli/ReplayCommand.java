package io.powercut.cli;

import io.powercut.checker.Replay;
import io.powercut.checker.Reproducer;
import io.powercut.checker.fs.FileReplay;
import io.powercut.checker.fs.FileReproducer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code powercut replay}: re-runs a reproducer and explains it. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-runs a reproducer written by explore (or bugs) deterministically and prints the"
          + " operations, the IO still unflushed when the power went (which writes survived; for"
          + " an engine checked at the file level, which file operations), and what recovery"
          + " found against what was committed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the violation no longer happens",
      "1:the violation happens again",
      "2:usage or environment: unreadable or malformed file"
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "a reproducer file")
  Path file;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Replay.Result result;
      if (FileReproducer.isOne(file)) {
        FileReproducer r = FileReproducer.read(file);
        result = FileReplay.run(FileSubjects.fromSpec(r.subject()), r);
      } else {
        Reproducer r = Reproducer.read(file);
        result = Replay.run(Subjects.fromSpec(r.subject()), r);
      }
      out.print(result.report());
      out.flush();
      return result.violation() ? Main.FINDING : Main.OK;
    } catch (IOException e) {
      return debug.report(spec, new UsageException(e.getMessage()));
    } catch (RuntimeException e) {
      return debug.report(spec, e);
    }
  }
}
