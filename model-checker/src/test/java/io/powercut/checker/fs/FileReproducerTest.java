package io.powercut.checker.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.FaultClass;
import io.powercut.fs.FsCrashState;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file-level reproducer format: it round-trips, and a bad file is refused by line. */
class FileReproducerTest {
  private static final FileReproducer TORN =
      new FileReproducer(
          "file-kv bugs=in-place preload=2",
          FileFinding.crash(
              List.of("put 0 7", "delete 1"),
              PersistenceMode.ORDERED,
              FsCrashState.parse("p12:s3,7-9:t9=1"),
              "recovered state differs\nfrom the last committed state"));

  private static List<String> lines(FileReproducer r) {
    return new ArrayList<>(r.render().lines().toList());
  }

  private static IOException refused(List<String> lines) {
    return assertThrows(IOException.class, () -> FileReproducer.parse("f.repro", lines));
  }

  @Test
  void aRenderedReproducerParsesBackToItself() throws IOException {
    FileReproducer back = FileReproducer.parse("f.repro", lines(TORN));
    assertEquals(TORN.subject(), back.subject());
    assertEquals(PersistenceMode.ORDERED, back.mode());
    assertEquals(TORN.finding().crashState(), back.finding().crashState());
    assertEquals(FaultClass.TORN, back.finding().fault());
    assertEquals(TORN.ops(), back.ops());
    assertEquals("recovered state differs from the last committed state", back.finding().message());
    FileReproducer live =
        new FileReproducer(
            "file-kv", FileFinding.live(List.of("put 1 2"), PersistenceMode.POSIX, "bad"));
    assertEquals(live, FileReproducer.parse("l.repro", lines(live)));
  }

  @Test
  void aBadLineIsNamedWithWhatWasExpected() {
    List<String> mode = lines(TORN);
    mode.set(2, "mode ext4");
    IOException e = refused(mode);
    assertTrue(
        e.getMessage()
            .startsWith("f.repro:3: expected mode posix, ordered or in-order, got 'ext4'"),
        e.getMessage());

    List<String> token = lines(TORN);
    token.set(4, "crash p12:x3");
    e = refused(token);
    assertTrue(e.getMessage().startsWith("f.repro:5: bad crash state 'p12:x3'"), e.getMessage());

    List<String> key = lines(TORN);
    key.add("io-fault none");
    e = refused(key);
    assertTrue(
        e.getMessage().contains(":" + key.size() + ": expected subject, mode"), e.getMessage());

    List<String> fault = lines(TORN);
    fault.set(5, "fault bitrot");
    e = refused(fault);
    assertTrue(
        e.getMessage().contains("expected fault drop or torn, got 'bitrot'"), e.getMessage());
  }

  @Test
  void aReproducerMustBeWholeAndConsistent() {
    List<String> noMode = lines(TORN);
    noMode.remove(2);
    assertTrue(refused(noMode).getMessage().contains("needs 'subject', 'mode' and 'kind'"));

    List<String> noCrash = lines(TORN);
    noCrash.remove(4);
    assertTrue(refused(noCrash).getMessage().contains("a crash reproducer needs a 'crash' line"));

    List<String> mismatch = lines(TORN);
    mismatch.set(5, "fault drop");
    IOException e = refused(mismatch);
    assertTrue(
        e.getMessage().contains("expected 'fault torn' for crash state p12:s3,7-9:t9=1"),
        e.getMessage());
  }
}
