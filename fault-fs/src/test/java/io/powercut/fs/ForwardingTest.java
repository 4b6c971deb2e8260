package io.powercut.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the wrappers forward to Jimfs, and that what they forward mutates only through the log. */
class ForwardingTest {
  private final CrashFileSystem fs = CrashFileSystem.create();

  @Test
  void channelsForwardReadsAndLogEveryKindOfWrite() throws IOException {
    Path f = fs.getPath("/work/f");
    try (FileChannel c =
        FileChannel.open(
            f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      c.write(
          new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})});
      c.transferFrom(Channels.newChannel(new ByteArrayInputStream(new byte[] {4, 5})), 3, 10);
      assertEquals(
          0, c.transferFrom(Channels.newChannel(new ByteArrayInputStream(new byte[1])), 99, 1));
      ByteBuffer a = ByteBuffer.allocate(2);
      ByteBuffer b = ByteBuffer.allocate(3);
      c.position(0);
      assertEquals(5, c.read(new ByteBuffer[] {a, b}));
      ByteBuffer one = ByteBuffer.allocate(1);
      c.read(one, 4);
      assertEquals(5, one.get(0));
      try (FileChannel g =
          FileChannel.open(
              fs.getPath("/work/g"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        assertEquals(5, c.transferTo(0, 5, g));
      }
      try (FileLock lock = c.lock()) {
        assertSame(c, lock.channel());
        assertTrue(lock.isValid());
      }
      FileLock tried = c.tryLock(0, 1, false);
      assertNotNull(tried);
      tried.release();
      assertFalse(tried.isValid());
    }
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Files.readAllBytes(fs.getPath("/work/g")));
    FsCrashPoint point = fs.crashPoint(PersistenceMode.POSIX);
    assertEquals(fs.snapshot(), point.image(point.allSurvive()));
    long writes =
        fs.log().prefix(fs.log().size()).stream().filter(FileOp.Write.class::isInstance).count();
    assertEquals(4, writes, "two gathered, one transferred in, one transferred out");
  }

  @Test
  void aDirectoryChannelRefusesDataOperations() throws IOException {
    try (FileChannel d = FileChannel.open(fs.getPath("/work"), StandardOpenOption.READ)) {
      assertEquals(d, d.position(5));
      assertEquals(0, d.position());
      assertThrows(IOException.class, () -> d.read(new ByteBuffer[] {ByteBuffer.allocate(1)}));
      assertThrows(IOException.class, () -> d.read(ByteBuffer.allocate(1), 0));
      assertThrows(NonWritableChannelException.class, () -> d.write(ByteBuffer.allocate(1), 0));
      assertThrows(
          NonWritableChannelException.class,
          () -> d.write(new ByteBuffer[] {ByteBuffer.allocate(1)}));
      assertThrows(NonWritableChannelException.class, () -> d.truncate(0));
      assertThrows(IOException.class, () -> d.transferTo(0, 1, d));
      assertThrows(NonWritableChannelException.class, () -> d.transferFrom(d, 0, 1));
      assertThrows(IOException.class, () -> d.map(FileChannel.MapMode.READ_ONLY, 0, 1));
      assertThrows(IOException.class, () -> d.lock(0, 1, true));
      assertThrows(IOException.class, () -> d.tryLock(0, 1, true));
    }
  }

  @Test
  void pathsForwardTheirArithmetic() {
    Path p = fs.getPath("/work/a/b");
    assertEquals(fs.getPath("/"), p.getRoot());
    assertNull(fs.getPath("a").getRoot());
    assertEquals("b", p.getFileName().toString());
    assertEquals(3, p.getNameCount());
    assertEquals(fs.getPath("a"), p.getName(1));
    assertEquals(fs.getPath("a/b"), p.subpath(1, 3));
    assertTrue(p.startsWith(fs.getPath("/work")));
    assertTrue(p.endsWith(fs.getPath("a/b")));
    assertFalse(p.startsWith(Path.of("/work")));
    assertFalse(p.endsWith(Path.of("b")));
    assertEquals(p, fs.getPath("/work/./a/../a/b").normalize());
    assertEquals(fs.getPath("a/b"), fs.getPath("/work").relativize(p));
    assertTrue(p.isAbsolute());
    assertTrue(p.compareTo(fs.getPath("/work/a")) > 0);
    assertEquals(p.hashCode(), fs.getPath("/work/a/b").hashCode());
    assertEquals(List.of("work", "a", "b"), names(p));
    assertThrows(UnsupportedOperationException.class, () -> p.register(null));
    assertThrows(
        IllegalArgumentException.class, () -> fs.provider().getPath(URI.create("file:///x")));
    assertSame(fs, fs.provider().getFileSystem(p.toUri()));
    assertThrows(
        FileSystemAlreadyExistsException.class,
        () -> fs.provider().newFileSystem(URI.create("crashfs://x/"), Map.of()));
    assertEquals("crashfs", fs.provider().getScheme());
  }

  @Test
  void queriesAndAttributesForwardToJimfs() throws IOException {
    Path f = Files.createFile(fs.getPath("/work/f"));
    assertTrue(Files.isSameFile(f, fs.getPath("/work/../work/f")));
    assertFalse(Files.isHidden(f));
    assertNotNull(Files.getFileStore(f));
    assertTrue(fs.getFileStores().iterator().hasNext());
    assertTrue(fs.supportedFileAttributeViews().contains("basic"));
    assertEquals("/", fs.getSeparator());
    assertFalse(fs.isReadOnly());
    assertNotNull(fs.getUserPrincipalLookupService());
    assertEquals(List.of(fs.getPath("/")), List.copyOf((Collection<Path>) fs.getRootDirectories()));
    assertThrows(UnsupportedOperationException.class, fs::newWatchService);
    FileTime t = FileTime.fromMillis(1000);
    Files.setLastModifiedTime(f, t);
    assertEquals(t, Files.getAttribute(f, "lastModifiedTime"));
    assertEquals(
        t,
        Files.getFileAttributeView(f, BasicFileAttributeView.class)
            .readAttributes()
            .lastModifiedTime());
    assertEquals(0L, Files.readAttributes(f, "size").get("size"));
    assertEquals(1, fs.log().size(), "times are not logged");
    assertTrue(fs.isOpen());
    fs.close();
    assertFalse(fs.isOpen());
  }

  @Test
  void aDirectoryRenameMovesItsContentsInTheImage() throws IOException {
    Files.createDirectories(fs.getPath("/work/d/e"));
    Files.write(fs.getPath("/work/d/e/f"), new byte[] {1});
    Files.move(fs.getPath("/work/d"), fs.getPath("/work/moved"));
    Files.copy(fs.getPath("/work/moved/e"), fs.getPath("/work/e2"));
    FsCrashPoint point = fs.crashPoint(PersistenceMode.ORDERED);
    FsImage all = point.image(point.allSurvive());
    assertEquals(fs.snapshot(), all);
    assertTrue(all.exists("/work/moved/e/f"));
    assertTrue(all.directories().contains("/work/e2"));
    assertInstanceOf(FileOp.Mkdir.class, fs.log().get(fs.log().size() - 1));
  }

  private static List<String> names(Path p) {
    List<String> out = new ArrayList<>();
    p.forEach(n -> out.add(n.toString()));
    return out;
  }
}
