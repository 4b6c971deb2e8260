package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The README documents every command and each of its flags in that command's section. */
class ReadmeFlagsTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void everyFlagOfEveryCommandIsInItsSection() throws IOException {
    String readme = Files.readString(README);
    List<String> missing = new ArrayList<>();
    Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
    for (Map.Entry<String, CommandLine> c : commands.entrySet()) {
      if (c.getKey().equals("help")) {
        continue;
      }
      String section = section(readme, c.getKey());
      if (section == null) {
        missing.add("### " + c.getKey());
        continue;
      }
      for (OptionSpec o : c.getValue().getCommandSpec().options()) {
        if (!o.usageHelp() && !o.versionHelp() && !names(section, o)) {
          missing.add(c.getKey() + " " + o.longestName());
        }
      }
    }
    assertEquals(List.of(), missing, "flags the README does not document");
    assertTrue(commands.size() >= 8, commands.keySet().toString());
  }

  /** Whether {@code section} names the option by one of its names, as a word of its own. */
  private static boolean names(String section, OptionSpec o) {
    for (String name : o.names()) {
      if (Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])")
          .matcher(section)
          .find()) {
        return true;
      }
    }
    return false;
  }

  /** The text under "### NAME" up to the next heading of that level or above, or null. */
  private static String section(String readme, String name) {
    int start = readme.indexOf("\n### " + name + "\n");
    if (start < 0) {
      return null;
    }
    int end = readme.length();
    for (String next : new String[] {"\n### ", "\n## "}) {
      int i = readme.indexOf(next, start + 1);
      if (i >= 0) {
        end = Math.min(end, i);
      }
    }
    return readme.substring(start, end);
  }
}
