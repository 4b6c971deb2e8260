package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.Reproducer;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.checker.thinvolume.ThinVolumeSubject;
import io.powercut.checker.thinvolume.VolumeOp;
import io.powercut.checker.thinvolume.VolumeState;
import io.powercut.checker.thinvolume.VolumeWorkloads;
import io.powercut.pdata.Bugs;
import io.powercut.thin.target.TargetBug;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} rebuilds the thin-volume subject, with its data-path bug, from the spec. */
class ReplayThinVolumeTest {
  @TempDir Path dir;

  @Test
  void aThinVolumeReproducerReplaysAtTheLevelOfTheData() throws Exception {
    Reproducer rep =
        new Explorer<VolumeOp, VolumeState>(
                () -> new ThinVolumeSubject(Bugs.of(TargetBug.NO_ZERO_BEFORE_PARTIAL_WRITE)),
                WorkloadSource.random(new VolumeWorkloads(), 5, 10),
                ExploreOptions.of(5, 20),
                ProgressListener.NONE)
            .run()
            .reproducer()
            .orElseThrow();
    Path file = dir.resolve("thin-volume.txt");
    rep.write(file);
    Cli replay = Cli.run("replay", file.toString());
    assertEquals(Main.FINDING, replay.exitCode(), replay.err() + replay.out());
    assertTrue(replay.out().contains("verdict: VIOLATION"), replay.out());
    assertTrue(replay.out().contains("NONZERO_NEVER_WRITTEN"), replay.out());
  }
}
