package io.powercut.fs;

import static io.powercut.fs.Crashes.bytes;
import static io.powercut.fs.Crashes.content;
import static io.powercut.fs.Crashes.force;
import static io.powercut.fs.Crashes.images;
import static io.powercut.fs.Crashes.syncDir;
import static io.powercut.fs.Crashes.write;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.EnumerationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classic: replace a file by writing a temporary one and renaming it over the old. Without an
 * fsync of the temporary file POSIX may keep the rename and lose the data; ext4's auto_da_alloc
 * saves it. With fsync, rename and a directory fsync it is safe everywhere.
 */
class ReplaceByRenameDemoTest {
  private static final byte[] OLD = bytes(1000, 'o');
  private static final byte[] NEW = bytes(1500, 'n');

  private static CrashFileSystem withDurableOld() throws IOException {
    CrashFileSystem fs = CrashFileSystem.create();
    write(fs, "/work/config", 0, OLD);
    force(fs, "/work/config", true);
    syncDir(fs, "/work");
    return fs;
  }

  private static void replace(CrashFileSystem fs, boolean careful) throws IOException {
    write(fs, "/work/config.tmp", 0, NEW);
    if (careful) {
      force(fs, "/work/config.tmp", true);
    }
    Files.move(
        fs.getPath("/work/config.tmp"),
        fs.getPath("/work/config"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    if (careful) {
      syncDir(fs, "/work");
    }
  }

  // What a reader of the file after reboot may find that is neither version.
  private static boolean losesData(List<FsImage> images) {
    return images.stream()
        .map(i -> content(i, "/work/config"))
        .anyMatch(c -> !Arrays.equals(c, OLD) && !Arrays.equals(c, NEW));
  }

  @Test
  void withoutFsyncPosixLosesTheDataButOrderedDoesNot() throws IOException {
    CrashFileSystem fs = withDurableOld();
    replace(fs, false);
    assertTrue(losesData(images(fs, PersistenceMode.POSIX)), "POSIX: rename without its data");
    assertFalse(losesData(images(fs, PersistenceMode.ORDERED)), "ORDERED: auto_da_alloc");
  }

  @Test
  void fsyncRenameAndDirectoryFsyncIsSafeInBothModes() throws IOException {
    CrashFileSystem fs = withDurableOld();
    int replaceBegins = fs.mark("replace begins");
    replace(fs, true);
    for (PersistenceMode mode : PersistenceMode.values()) {
      for (int position = replaceBegins; position <= fs.log().size(); position++) {
        FsCrashPoint point = fs.crashPoint(position, mode);
        for (FsCrashState s :
            FsCrashStateEnumerator.enumerate(point, EnumerationOptions.seeded(7)).states()) {
          byte[] c = content(point.image(s), "/work/config");
          assertTrue(Arrays.equals(c, OLD) || Arrays.equals(c, NEW), mode + " " + s);
        }
      }
      List<FsImage> end = images(fs, mode);
      assertTrue(end.stream().allMatch(i -> Arrays.equals(content(i, "/work/config"), NEW)));
    }
  }
}
