package io.powercut.engine.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.fs.CrashFileSystem;
import io.powercut.fs.FileOp;
import io.powercut.fs.FileOpLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FileUtils;
import org.junit.jupiter.api.Test;

class CrashFilePathTest {
  @Test
  void mvStoreRoundTripsThroughTheCrashFileSystemAndEveryWriteAndForceIsLogged()
      throws IOException {
    CrashFileSystem fs = CrashFileSystem.create();
    fs.files().createDirectory("/work/db");
    try (CrashFsRegistry.Binding b = CrashFilePath.bind(fs)) {
      MVStore store = H2Store.open(b.url("/work/db/s.mv"), 0);
      MVMap<Long, byte[]> map = H2Store.map(store, 0);
      map.put(1L, new StampedValue(7, 6000).bytes());
      map.put(2L, new StampedValue(8, 12).bytes());
      store.commit();
      store.sync();
      store.close();

      MVStore again = H2Store.open(b.url("/work/db/s.mv"), 0);
      MVMap<Long, byte[]> back = H2Store.map(again, 0);
      assertEquals(new StampedValue(7, 6000), StampedValue.decode(back.get(1L)));
      assertEquals(new StampedValue(8, 12), StampedValue.decode(back.get(2L)));
      again.close();
    }
    FileOpLog log = fs.log();
    long writes = count(log, FileOp.Write.class);
    long forces = count(log, FileOp.Force.class);
    assertTrue(writes >= 3, "expected the chunk and header writes logged, got " + writes);
    assertTrue(forces >= 2, "expected sync and close to force, got " + forces);
    assertEquals(1, count(log, FileOp.Create.class), "expected the store file created once");
  }

  private static long count(FileOpLog log, Class<? extends FileOp> type) {
    long n = 0;
    for (int i = 0; i < log.size(); i++) {
      if (type.isInstance(log.get(i))) {
        n++;
      }
    }
    return n;
  }

  @Test
  void filePathOperationsMapToTheCrashFileSystem() throws IOException {
    CrashFileSystem fs = CrashFileSystem.create();
    try (CrashFsRegistry.Binding b = CrashFilePath.bind(fs)) {
      String dir = b.url("/work/d");
      FileUtils.createDirectory(dir);
      assertTrue(FileUtils.isDirectory(dir));
      String a = b.url("/work/d/a");
      assertTrue(FilePath.get(a).createFile());
      assertFalse(FilePath.get(a).createFile(), "expected a second create to fail");
      try (OutputStream out = FilePath.get(a).newOutputStream(false)) {
        out.write("hello".getBytes(StandardCharsets.UTF_8));
      }
      assertEquals(5, FileUtils.size(a));
      assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), fs.files().read("/work/d/a"));
      String c = b.url("/work/d/c");
      FileUtils.move(a, c);
      assertFalse(FileUtils.exists(a));
      try (InputStream in = FilePath.get(c).newInputStream()) {
        assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      assertEquals(List.of(c), FileUtils.newDirectoryStream(dir));
      assertEquals(dir, FilePath.get(c).getParent().toString());
      assertEquals("c", FileUtils.getName(c));
      assertNull(FilePath.get(b.url("/")).getParent());
      assertTrue(FileUtils.canWrite(c));
      assertFalse(FileUtils.setReadOnly(c), "expected read-only refused: images hold no modes");
      FileUtils.delete(c);
      FileUtils.delete(c);
      assertFalse(FileUtils.exists(c));
    }
  }

  @Test
  void aBindingEndsWithItsRunAndTwoRunsNeverShareAFileSystem() throws IOException {
    CrashFileSystem one = CrashFileSystem.create();
    CrashFileSystem two = CrashFileSystem.create();
    String url;
    try (CrashFsRegistry.Binding a = CrashFilePath.bind(one);
        CrashFsRegistry.Binding b = CrashFilePath.bind(two)) {
      url = a.url("/work/x");
      assertTrue(FilePath.get(url).createFile());
      assertTrue(one.files().exists("/work/x"));
      assertFalse(two.files().exists("/work/x"));
      assertFalse(FilePath.get(b.url("/work/x")).exists());
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FilePath.get(url).exists());
    assertTrue(e.getMessage().contains("run has ended"), e.getMessage());
  }

  @Test
  void malformedNamesAreRefused() {
    CrashFilePath.register();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FilePath.get("crash:nofs"));
    assertTrue(e.getMessage().contains("crash:NAME:/path"), e.getMessage());
  }
}
