package io.powercut.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The images mutations start from: our engine's ({@link EngineSeeds}), the real {@code
 * thin_restore}'s (bundled, since the tool may be missing where the fuzzer runs), and any the user
 * adds with {@code --corpus}.
 */
public final class SeedCorpus {
  /** Engine seeds written at start-up (besides their version-1 rewrites). */
  public static final int ENGINE_SEEDS = 8;

  /** Where the bundled seeds live on the class path; {@code INDEX} lists them. */
  static final String BUNDLED = "/io/powercut/fuzz/seeds/";

  private SeedCorpus() {}

  /** The engine's seeds and the bundled thin_restore seeds, always in the same order. */
  public static List<SeedImage> builtIn() throws IOException {
    List<SeedImage> out = new ArrayList<>(EngineSeeds.build(ENGINE_SEEDS));
    out.addAll(bundled());
    return out;
  }

  /** The bundled images written by the real thin_restore. */
  public static List<SeedImage> bundled() throws IOException {
    List<SeedImage> out = new ArrayList<>();
    for (String name : index()) {
      try (InputStream in = resource(name + ".img.gz")) {
        out.add(new SeedImage(name, Image.of(new GZIPInputStream(in).readAllBytes())));
      }
    }
    return out;
  }

  /** The names in the bundled index, one per line. */
  static List<String> index() throws IOException {
    List<String> names = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(resource("INDEX"), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.strip());
        }
      }
    }
    return names;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SeedCorpus.class.getResourceAsStream(BUNDLED + name);
    if (in == null) {
      throw new IOException("bundled seed " + name + " is missing from the class path");
    }
    return in;
  }

  /** Every {@code *.img} and {@code *.img.gz} in {@code dir}, by name. */
  public static List<SeedImage> load(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{img,img.gz}")) {
      s.forEach(files::add);
    }
    files.sort(null);
    List<SeedImage> out = new ArrayList<>();
    for (Path f : files) {
      out.add(new SeedImage(f.getFileName().toString(), Image.load(f)));
    }
    return out;
  }
}
