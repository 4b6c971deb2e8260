package io.powercut.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CrashFileSystemTest {
  private final CrashFileSystem fs = CrashFileSystem.create();

  private List<FileOp> ops() {
    return fs.log().prefix(fs.log().size());
  }

  @Test
  void pathsBelongToTheLoggingProvider() {
    Path p = fs.getPath("/work/a");
    assertSame(fs, p.getFileSystem());
    assertSame(fs.provider(), p.getFileSystem().provider());
    assertSame(fs.provider(), p.getParent().resolve("b").getFileSystem().provider());
    assertEquals(p, fs.provider().getPath(p.toUri()));
    assertEquals(fs.getPath("/work"), fs.getPath("a").toAbsolutePath().getParent());
    assertThrows(ProviderMismatchException.class, () -> p.resolve(Path.of("x")));
  }

  @Test
  void filesRoundTripThroughStreamsAndChannels() throws IOException {
    Path dir = Files.createDirectories(fs.getPath("/work/db/sub"));
    Path f = dir.resolve("f");
    Files.write(f, "hello".getBytes(UTF_8));
    try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.APPEND)) {
      out.write(" world".getBytes(UTF_8));
    }
    try (InputStream in = Files.newInputStream(f)) {
      assertEquals("hello world", new String(in.readAllBytes(), UTF_8));
    }
    try (FileChannel c = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      assertEquals(11, c.size());
      c.position(6).write(ByteBuffer.wrap("W".getBytes(UTF_8)));
      assertEquals(7, c.position());
      c.write(ByteBuffer.wrap("!".getBytes(UTF_8)), 20);
      assertEquals(21, c.size());
      c.truncate(11);
      c.force(false);
    }
    try (SeekableByteChannel c = Files.newByteChannel(f)) {
      ByteBuffer b = ByteBuffer.allocate(11);
      c.read(b);
      assertEquals("hello World", new String(b.array(), UTF_8));
    }
    Files.copy(f, dir.resolve("g"));
    assertEquals("hello World", Files.readString(dir.resolve("g")));
    assertThrows(FileAlreadyExistsException.class, () -> Files.copy(f, dir.resolve("g")));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*")) {
      List<String> names = new ArrayList<>();
      entries.forEach(p -> names.add(p.getFileName().toString()));
      names.sort(null);
      assertEquals(List.of("f", "g"), names);
    }
    try (Stream<Path> walk = Files.walk(fs.getPath("/work"))) {
      assertEquals(5, walk.count());
    }
    assertEquals(
        fs.snapshot(),
        fs.crashPoint(PersistenceMode.POSIX)
            .image(fs.crashPoint(PersistenceMode.POSIX).allSurvive()));
  }

  @Test
  void mutationsAreLoggedAsTypedEntries() throws IOException {
    Path a = fs.getPath("/work/a");
    Files.write(a, new byte[] {1, 2, 3});
    Files.move(a, fs.getPath("/work/b"), StandardCopyOption.ATOMIC_MOVE);
    Files.write(fs.getPath("/work/b"), new byte[] {9});
    Files.delete(fs.getPath("/work/b"));
    List<FileOp> ops = ops();
    FileOp.Create create = assertInstanceOf(FileOp.Create.class, ops.get(0));
    assertEquals("/work/a", create.path());
    FileOp.Write write = assertInstanceOf(FileOp.Write.class, ops.get(1));
    assertEquals(create.inode(), write.inode());
    assertArrayEquals(new byte[] {1, 2, 3}, write.bytes());
    FileOp.Rename rename = assertInstanceOf(FileOp.Rename.class, ops.get(2));
    assertEquals(create.inode(), rename.inode());
    assertFalse(rename.replaced());
    assertEquals(new FileOp.Truncate(create.inode(), 0), ops.get(3));
    assertEquals(new FileOp.Write(create.inode(), 0, new byte[] {9}), ops.get(4));
    assertEquals(new FileOp.Delete("/work/b", create.parent(), create.inode()), ops.get(5));
    assertEquals(6, ops.size());
  }

  @Test
  void anOpenFileKeepsItsInodeThroughRenameAndDelete() throws IOException {
    Path a = fs.getPath("/work/a");
    try (FileChannel c =
        FileChannel.open(a, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(new byte[] {1}));
      Files.move(a, fs.getPath("/work/b"));
      c.write(ByteBuffer.wrap(new byte[] {2}));
      assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(fs.getPath("/work/b")));
      Files.delete(fs.getPath("/work/b"));
      c.write(ByteBuffer.wrap(new byte[] {3}));
      c.force(true);
      assertEquals(3, c.size());
    }
    FileOp.Write last = assertInstanceOf(FileOp.Write.class, fs.log().get(fs.log().size() - 2));
    assertEquals(2, last.offset());
    FsCrashPoint point = fs.crashPoint(PersistenceMode.POSIX);
    assertFalse(point.image(point.allSurvive()).exists("/work/b"));
    assertEquals(fs.snapshot(), point.image(point.allSurvive()));
  }

  @Test
  void aDirectoryOpenedForReadingSyncsOnForce() throws IOException {
    Path dir = Files.createDirectory(fs.getPath("/work/d"));
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
      assertEquals(0, c.size());
      assertThrows(IOException.class, () -> c.read(ByteBuffer.allocate(1)));
      assertThrows(NonWritableChannelException.class, () -> c.write(ByteBuffer.allocate(1)));
    }
    FileOp.Mkdir mkdir = assertInstanceOf(FileOp.Mkdir.class, fs.log().get(0));
    assertEquals(new FileOp.DirSync("/work/d", mkdir.inode()), fs.log().get(1));
    assertThrows(FileSystemException.class, () -> FileChannel.open(dir, StandardOpenOption.WRITE));
  }

  @Test
  void replacingMovesAndRefusalsFollowJimfs() throws IOException {
    Files.write(fs.getPath("/work/a"), new byte[] {1});
    Files.write(fs.getPath("/work/b"), new byte[] {2});
    int before = fs.log().size();
    assertThrows(
        FileAlreadyExistsException.class,
        () -> Files.move(fs.getPath("/work/a"), fs.getPath("/work/b")));
    assertThrows(NoSuchFileException.class, () -> Files.delete(fs.getPath("/work/zz")));
    assertEquals(before, fs.log().size(), "a refused operation logs nothing");
    Files.move(
        fs.getPath("/work/a"),
        fs.getPath("/work/b"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    assertTrue(assertInstanceOf(FileOp.Rename.class, fs.log().get(before)).replaced());
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(fs.getPath("/work/b")));
  }

  @Test
  void mappingAndDeleteOnCloseAreRefused() throws IOException {
    Path a = Files.createFile(fs.getPath("/work/a"));
    try (FileChannel c = FileChannel.open(a, StandardOpenOption.READ)) {
      assertThrows(
          UnsupportedOperationException.class, () -> c.map(FileChannel.MapMode.READ_ONLY, 0, 1));
    }
    assertThrows(
        UnsupportedOperationException.class,
        () -> Files.newOutputStream(a, StandardOpenOption.DELETE_ON_CLOSE));
    assertThrows(
        UnsupportedOperationException.class,
        () -> Files.createSymbolicLink(fs.getPath("/work/l"), a));
  }

  @Test
  void syncOptionForcesEveryWrite() throws IOException {
    try (FileChannel c =
        FileChannel.open(
            fs.getPath("/work/a"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.DSYNC)) {
      c.write(ByteBuffer.wrap(new byte[] {1}));
    }
    long ino = ((FileOp.Create) fs.log().get(0)).inode();
    assertEquals(new FileOp.Force(ino, false), fs.log().get(2));
  }

  /** With everything surviving, the model's replay of the log is what Jimfs holds. */
  @PropertyTest(seeds = 60)
  void theReplayOfEverythingIsTheLiveView(long seed) throws IOException {
    RandomWorkload.run(fs, new SplittableRandom(seed), 40);
    for (PersistenceMode mode : PersistenceMode.values()) {
      FsCrashPoint point = fs.crashPoint(mode);
      assertEquals(fs.snapshot(), point.image(point.allSurvive()), mode.toString());
    }
  }

  @Test
  void aMaterializedImageIsAnIndependentFileSystem() throws IOException {
    Files.createDirectories(fs.getPath("/work/d"));
    Files.write(fs.getPath("/work/d/f"), new byte[] {7, 8});
    FsCrashPoint point = fs.crashPoint(PersistenceMode.POSIX);
    CrashFileSystem after = point.materialize(point.allSurvive());
    assertEquals(fs.snapshot(), after.snapshot());
    assertEquals(0, after.log().size());
    Files.write(after.getPath("/work/d/f"), new byte[] {1});
    assertArrayEquals(new byte[] {7, 8}, Files.readAllBytes(fs.getPath("/work/d/f")));
    FsCrashPoint second = after.crashPoint(PersistenceMode.POSIX);
    assertArrayEquals(
        new byte[] {7, 8},
        second.image(second.noneSurvive()).read("/work/d/f").orElseThrow(),
        "the image it started from is its durable base");
  }
}
