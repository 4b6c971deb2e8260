package io.powercut.cli;

import io.powercut.checker.ExploreOptions;
import io.powercut.checker.fs.FileCampaignResult;
import io.powercut.checker.fs.FileExplorer;
import io.powercut.checker.fs.FileReproducer;
import io.powercut.checker.fs.FileSubject;
import io.powercut.fs.PersistenceMode;
import io.powercut.property.Seeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code explore} for an engine checked at the file level: the campaign over the crash file system
 * in one persistence mode, the same summary as the block level, and the reproducer.
 */
final class FileExplore {
  private FileExplore() {}

  /** Runs {@code campaign} and prints what explore prints; returns the exit code. */
  static <O, S> int run(
      PrintWriter stdout,
      PrintWriter stderr,
      FileSubjects.Campaign<O, S> campaign,
      ExploreOptions options,
      PersistenceMode mode,
      String workloadsLine,
      Path out,
      ReportCommand.Recorder recorder)
      throws IOException {
    FileSubject<O, S> first = campaign.subjects().get();
    stdout.printf(
        "powercut explore: %s at the file level, %s mode, seed %s, %s, faults %s%n",
        first.spec(),
        FileReproducer.modeId(mode),
        Seeds.format(options.seed()),
        workloadsLine,
        options.search().enumeration().torn() ? "drop,torn" : "drop");
    stdout.flush();
    recorder.start(
        first.spec() + " mode=" + FileReproducer.modeId(mode), Seeds.format(options.seed()), "0/1");
    FileCampaignResult<O> r =
        new FileExplorer<>(
                campaign.subjects(),
                campaign.source(),
                options,
                mode,
                recorder.listener((st, e) -> CampaignSummary.progress(stderr, st, e)))
            .run();
    recorder.write(r.endRecord("explore"));
    CampaignSummary.print(stdout, r.stats(), r.elapsed(), first.operationKinds());
    if (r.reproducer().isEmpty()) {
      stdout.println("no violation");
      recorder.finish(stdout);
      return Main.OK;
    }
    FileReproducer rep = r.reproducer().get();
    Files.createDirectories(out);
    Path file = out.resolve("reproducer-" + Seeds.format(options.seed()) + ".txt");
    rep.write(file);
    stdout.println("VIOLATION: " + rep.finding().message());
    stdout.println("minimal reproducer (" + rep.ops().size() + " operations): " + file);
    stdout.println("replay it with: ./powercut replay " + file);
    recorder.finish(stdout);
    return Main.FINDING;
  }
}
