package io.powercut.thin.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.junit.RequiresExecutables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner of external tools, driven through ordinary programs. */
class ThinToolsTest {
  static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aMissingToolIsAnIoErrorSayingHowToInstallIt() {
    assertFalse(ThinTools.available("no-such-tool-powercut"));
    IOException e =
        assertThrows(IOException.class, () -> ThinTools.run(LONG, "no-such-tool-powercut"));
    assertTrue(e.getMessage().contains(ThinTools.INSTALL), e.getMessage());
  }

  @Test
  @RequiresExecutables({"sh"})
  void capturesOutputsAndTheExitCode() throws IOException {
    ThinTools.Result r = ThinTools.run(LONG, "sh", "-c", "echo out; echo err >&2; exit 3");
    assertEquals("out\n", r.stdout());
    assertEquals("err\n", r.stderr());
    assertEquals(3, r.exitCode());
    assertFalse(r.ok());
    assertFalse(r.killedBySignal());
    assertFalse(r.timedOut());
    assertEquals(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), r.command());
    assertTrue(r.toString().endsWith("-> exit 3: err"), r.toString());
    assertTrue(ThinTools.run(LONG, "sh", "-c", "true").ok());
    assertTrue(ThinTools.run(LONG, "sh", "-c", "true").toString().endsWith("-> exit 0"));
  }

  @Test
  @RequiresExecutables({"sh"})
  void stdoutCanGoToAFile() throws IOException {
    Path out = dir.resolve("out.txt");
    ThinTools.Result r = ThinTools.run(LONG, out, "sh", "-c", "echo big");
    assertTrue(r.ok());
    assertEquals("", r.stdout());
    assertEquals("big\n", Files.readString(out));
  }

  @Test
  @RequiresExecutables({"sh"})
  void aDeathBySignalIsNotAVerdict() throws IOException {
    ThinTools.Result r = ThinTools.run(LONG, "sh", "-c", "kill -9 $$");
    assertTrue(r.killedBySignal(), r.toString());
    assertFalse(r.ok());
    assertFalse(r.timedOut());
  }

  /** How a result reads its exit code, apart from how the JDK encodes a death. */
  @Test
  void anExitAbove128IsADeathByTheSignalAbove128() {
    List<String> cmd = List.of("thin_check");
    ThinTools.Result sigkill = new ThinTools.Result(cmd, 128 + 9, "", "", false);
    assertTrue(sigkill.killedBySignal());
    assertEquals(Optional.of(9), sigkill.signal());
    ThinTools.Result sigsegv = new ThinTools.Result(cmd, 128 + 11, "", "", false);
    assertEquals(Optional.of(11), sigsegv.signal());
    for (int verdict : new int[] {0, 1, 64, 101, 128}) {
      ThinTools.Result r = new ThinTools.Result(cmd, verdict, "", "", false);
      assertFalse(r.killedBySignal(), r.toString());
      assertEquals(Optional.empty(), r.signal(), r.toString());
    }
    ThinTools.Result hung = new ThinTools.Result(cmd, -1, "", "", true);
    assertFalse(hung.killedBySignal(), "a timeout is not a death by signal");
  }

  @Test
  @RequiresExecutables({"sleep"})
  void aToolThatHangsIsKilledAtTheTimeout() throws IOException {
    long start = System.nanoTime();
    ThinTools.Result r = ThinTools.run(Duration.ofMillis(200), "sleep", "30");
    assertTrue(r.timedOut());
    assertFalse(r.ok());
    assertFalse(r.killedBySignal());
    assertEquals(-1, r.exitCode());
    assertTrue(r.toString().contains("timed out"), r.toString());
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "did not wait for the tool");
  }
}
