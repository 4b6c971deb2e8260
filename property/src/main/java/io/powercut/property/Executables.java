package io.powercut.property;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds external programs on the PATH and in the sbin directories (where system tools live). */
public final class Executables {
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

  private Executables() {}

  /** The program's path, if it is installed. */
  public static Optional<Path> find(String name) {
    for (Path dir : searchDirs()) {
      Optional<Path> p = findIn(dir, name);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  /** The directories {@link #find} searches, in its order: the PATH, then the sbin directories. */
  public static List<Path> searchDirs() {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    for (String dir : EXTRA_DIRS) {
      dirs.add(Path.of(dir));
    }
    return dirs;
  }

  /** {@code dir/name}, if it is an executable file (a link to one counts). */
  public static Optional<Path> findIn(Path dir, String name) {
    Path p = dir.resolve(name);
    return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }
}
