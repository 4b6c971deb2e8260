package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.Reproducer;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.kv.KvBug;
import io.powercut.checker.kv.KvOp;
import io.powercut.checker.kv.KvWorkloads;
import io.powercut.checker.kv.WalKvSubject;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} knows every subject of this build by its spec, the key-value store too. */
class ReplayKvTest {
  @TempDir Path dir;

  /** The shrunk reproducer a campaign on the buggy store writes, its subject line replaced. */
  private Path reproducer(String subject) throws Exception {
    Reproducer rep =
        new Explorer<KvOp, Map<Long, Long>>(
                () -> new WalKvSubject(Bugs.of(KvBug.HEADER_BEFORE_LOG)),
                WorkloadSource.random(new KvWorkloads(4), 3, 12),
                ExploreOptions.of(3, 30),
                ProgressListener.NONE)
            .run()
            .reproducer()
            .orElseThrow();
    Path file = dir.resolve("kv.txt");
    rep.write(file);
    Files.writeString(
        file,
        Files.readString(file)
            .replace("subject " + rep.subject() + "\n", "subject " + subject + "\n"));
    return file;
  }

  @Test
  void aKeyValueReproducerReplaysWithItsBug() throws Exception {
    Cli buggy = Cli.run("replay", reproducer("wal-kv bugs=header-before-log").toString());
    assertEquals(Main.FINDING, buggy.exitCode(), buggy.err() + buggy.out());
    assertTrue(buggy.out().contains("verdict: VIOLATION"), buggy.out());
  }

  @Test
  void anUnknownSubjectOrBugIsAUsageErrorNamingIt() throws Exception {
    Cli other = Cli.run("replay", reproducer("ext4").toString());
    assertEquals(Main.USAGE, other.exitCode(), other.err());
    assertTrue(other.err().contains("unknown subject 'ext4'"), other.err());
    Cli bug = Cli.run("replay", reproducer("wal-kv bugs=no-such").toString());
    assertEquals(Main.USAGE, bug.exitCode(), bug.err());
    assertTrue(bug.err().contains("unknown bug 'no-such'"), bug.err());
  }
}
