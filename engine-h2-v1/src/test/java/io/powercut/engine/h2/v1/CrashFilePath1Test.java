package io.powercut.engine.h2.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.engine.h2.CrashFsRegistry;
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

/**
 * The 1.4.x adapter against the 1.4.200 it compiles with (on this module's test class path): every
 * FilePath operation H2 1.4 makes maps to the crash file system, and MVStore's writes and forces
 * are logged.
 */
class CrashFilePath1Test {
  private static String url(CrashFsRegistry.Binding b, String path) {
    return CrashFilePath1.SCHEME + ":" + b.name() + ":" + path;
  }

  @Test
  void mvStoreRoundTripsAndEveryWriteAndForceIsLogged() throws IOException {
    CrashFileSystem fs = CrashFileSystem.create();
    fs.files().createDirectory("/work/db");
    try (CrashFsRegistry.Binding b = CrashFilePath1.bind(fs)) {
      MVStore store = new MVStore.Builder().fileName(url(b, "/work/db/s.mv")).open();
      MVMap<Long, byte[]> map = store.openMap("m");
      map.put(1L, new byte[6000]);
      map.put(2L, "twelve bytes".getBytes(StandardCharsets.UTF_8));
      store.commit();
      store.sync();
      store.close();
      MVStore again = new MVStore.Builder().fileName(url(b, "/work/db/s.mv")).open();
      MVMap<Long, byte[]> back = again.openMap("m");
      assertEquals(6000, back.get(1L).length);
      assertEquals("twelve bytes", new String(back.get(2L), StandardCharsets.UTF_8));
      again.close();
    }
    FileOpLog log = fs.log();
    assertTrue(count(log, FileOp.Write.class) >= 2, "chunk and header writes logged");
    assertTrue(count(log, FileOp.Force.class) >= 1, "sync forces the file");
    assertEquals(1, count(log, FileOp.Create.class), "the store file created once");
  }

  private static long count(FileOpLog log, Class<? extends FileOp> type) {
    long n = 0;
    for (int i = 0; i < log.size(); i++) {
      n += type.isInstance(log.get(i)) ? 1 : 0;
    }
    return n;
  }

  @Test
  void filePathOperationsMapToTheCrashFileSystem() throws IOException {
    CrashFileSystem fs = CrashFileSystem.create();
    try (CrashFsRegistry.Binding b = CrashFilePath1.bind(fs)) {
      String dir = url(b, "/work/d");
      FileUtils.createDirectory(dir);
      assertTrue(FileUtils.isDirectory(dir));
      String a = url(b, "/work/d/a");
      assertTrue(FilePath.get(a).createFile());
      assertFalse(FilePath.get(a).createFile(), "a second create fails");
      try (OutputStream out = FilePath.get(a).newOutputStream(false)) {
        out.write("hello".getBytes(StandardCharsets.UTF_8));
      }
      assertEquals(5, FileUtils.size(a));
      assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), fs.files().read("/work/d/a"));
      String c = url(b, "/work/d/c");
      FileUtils.move(a, c);
      assertFalse(FileUtils.exists(a));
      try (InputStream in = FilePath.get(c).newInputStream()) {
        assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      assertEquals(List.of(c), FileUtils.newDirectoryStream(dir));
      assertEquals(dir, FilePath.get(c).getParent().toString());
      assertNull(FilePath.get(url(b, "/")).getParent());
      assertTrue(FileUtils.canWrite(c));
      assertFalse(FileUtils.setReadOnly(c), "read-only refused: images hold no modes");
      FileUtils.delete(c);
      FileUtils.delete(c);
      assertFalse(FileUtils.exists(c));
    }
  }

  @Test
  void aNameOfAnEndedRunOrMalformedIsRefused() throws IOException {
    String stale;
    try (CrashFsRegistry.Binding b = CrashFilePath1.bind(CrashFileSystem.create())) {
      stale = url(b, "/x");
      assertTrue(FilePath.get(stale).createFile());
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FilePath.get(stale).exists());
    assertTrue(e.getMessage().contains("run has ended"), e.getMessage());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> FilePath.get("crash1:nofs"));
    assertTrue(bad.getMessage().contains("crash1:NAME:/path"), bad.getMessage());
  }
}
