package io.powercut.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The string-path API an H2 FilePath adapter calls is logged like the Path API. */
class CrashFilesTest {
  private final CrashFileSystem fs = CrashFileSystem.create();
  private final CrashFiles files = fs.files();

  @Test
  void theDirectApiRoundTripsAndLogs() throws IOException {
    files.createDirectory("/work/db");
    files.createFile("/work/db/a.mv.db");
    assertThrows(FileAlreadyExistsException.class, () -> files.createFile("/work/db/a.mv.db"));
    files.write("/work/db/a.mv.db", 4, new byte[] {1, 2});
    assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 2}, files.read("/work/db/a.mv.db"));
    assertEquals(6, files.size("/work/db/a.mv.db"));
    files.truncate("/work/db/a.mv.db", 5);
    files.force("/work/db/a.mv.db", false);
    try (FileChannel c =
        files.open("/work/db/b", StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(new byte[] {7}));
    }
    files.rename("/work/db/b", "/work/db/a.mv.db", true);
    assertThrows(IOException.class, () -> files.rename("/work/db/a.mv.db", "/work/db", false));
    assertEquals(List.of("a.mv.db"), files.list("/work/db"));
    files.syncDirectory("/work/db");
    assertTrue(files.exists("/work/db/a.mv.db"));
    assertTrue(files.isDirectory("/work/db"));
    files.delete("/work/db/a.mv.db");
    assertFalse(files.exists("/work/db/a.mv.db"));

    List<FileOp> ops = fs.log().prefix(fs.log().size());
    long db = assertInstanceOf(FileOp.Mkdir.class, ops.get(0)).inode();
    long a = assertInstanceOf(FileOp.Create.class, ops.get(1)).inode();
    assertEquals(new FileOp.Write(a, 4, new byte[] {1, 2}), ops.get(2));
    assertEquals(new FileOp.Truncate(a, 5), ops.get(3));
    assertEquals(new FileOp.Force(a, false), ops.get(4));
    long b = assertInstanceOf(FileOp.Create.class, ops.get(5)).inode();
    FileOp.Rename rename = assertInstanceOf(FileOp.Rename.class, ops.get(7));
    assertEquals(new FileOp.Rename("/work/db/b", db, "/work/db/a.mv.db", db, b, true), rename);
    assertEquals(new FileOp.DirSync("/work/db", db), ops.get(8));
    assertEquals(new FileOp.Delete("/work/db/a.mv.db", db, b), ops.get(9));
    assertEquals(10, ops.size());
  }

  @Test
  void marksAreBoundedAndDescribed() throws IOException {
    files.createFile("/work/f");
    int mark = fs.mark("op 1 begin");
    assertEquals("1 mark op 1 begin", fs.log().describe(mark));
    assertThrows(
        IllegalArgumentException.class, () -> fs.mark("x".repeat(FileOpLog.MAX_LABEL_BYTES + 1)));
    assertThrows(IllegalArgumentException.class, () -> fs.log().get(2));
    assertThrows(IllegalArgumentException.class, () -> fs.crashPoint(3, PersistenceMode.POSIX));
    assertArrayEquals(new int[] {0, 1}, fs.log().crashPositions());
  }
}
