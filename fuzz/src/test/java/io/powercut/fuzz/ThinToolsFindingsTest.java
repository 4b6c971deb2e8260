package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's table of what the real tools get wrong: each saved image still makes its tool
 * misbehave in one of the ways its INDEX line allows (never a correct verdict), with the installed
 * tools of exactly the version the finding was made with. Only deterministic facts are asserted: a
 * crash that depends on memory layout is one allowed way among others, never the expectation.
 */
class ThinToolsFindingsTest {
  private static final String DIR = "/io/powercut/fuzz/thin-tools/";

  /** One line of the INDEX. */
  record Entry(String image, String version, ThinTool tool, Set<ToolBehaviour> allowed) {}

  @Test
  @RequiresThinTools(
      value = ToolsGeneration.V0_9,
      tools = {ThinTool.THIN_CHECK, ThinTool.THIN_DUMP, ThinTool.THIN_LS, ThinTool.THIN_RMAP})
  void everyEntryOf09StillMisbehaves() throws IOException {
    replay(ToolsGeneration.V0_9);
  }

  @Test
  @RequiresThinTools(
      value = ToolsGeneration.V1_1,
      tools = {ThinTool.THIN_CHECK, ThinTool.THIN_DUMP, ThinTool.THIN_LS, ThinTool.THIN_RMAP})
  void everyEntryOf11StillMisbehaves() throws IOException {
    replay(ToolsGeneration.V1_1);
  }

  @Test
  void theIndexIsWellFormed() throws IOException {
    List<Entry> all = index();
    assertTrue(all.size() >= 13, "entries: " + all.size());
    for (Entry e : all) {
      assertTrue(ToolsJudge.TOOLS.contains(e.tool()), e.toString());
      assertTrue(e.version().matches("\\d+\\.\\d+\\.\\d+"), e.toString());
      assertFalse(e.allowed().contains(ToolBehaviour.REJECTED), e + ": a correct verdict");
      assertFalse(e.allowed().contains(ToolBehaviour.ACCEPTED), e + ": a correct verdict");
      assertTrue(getClass().getResource(DIR + e.image()) != null, "no image " + e.image());
    }
  }

  private void replay(ToolsGeneration g) throws IOException {
    String installed = g.version().orElseThrow();
    List<Entry> mine =
        index().stream().filter(e -> e.version().startsWith(g.label() + ".")).toList();
    List<Entry> exact = mine.stream().filter(e -> e.version().equals(installed)).toList();
    if (exact.isEmpty()) {
      String why =
          mine.isEmpty()
              ? "no finding of " + g + " in the INDEX"
              : "the findings are of "
                  + mine.get(0).version()
                  + ", the installed tools "
                  + installed;
      System.err.println("SKIPPED findings of " + g + ": " + why);
      Assumptions.abort(why);
    }
    try (ToolsJudge judge = new ToolsJudge(List.of(g), Duration.ofSeconds(30))) {
      for (Entry e : exact) {
        Image image;
        try (GZIPInputStream in =
            new GZIPInputStream(getClass().getResourceAsStream(DIR + e.image()))) {
          image = Image.of(in.readAllBytes());
        }
        ToolsJudge.ToolRun run =
            judge.runs(image).stream().filter(r -> r.tool() == e.tool()).findFirst().orElseThrow();
        System.out.println(
            e.image()
                + ": "
                + e.tool()
                + " "
                + installed
                + " "
                + run.behaviour()
                + " ("
                + run.result()
                + ")");
        assertTrue(
            e.allowed().contains(run.behaviour()),
            () ->
                e.image()
                    + ": "
                    + e.tool()
                    + " "
                    + installed
                    + " was expected to misbehave in one of "
                    + e.allowed()
                    + ", it did "
                    + run.behaviour()
                    + ": "
                    + run.result()
                    + (run.failure() == null ? "" : "; " + run.failure().message()));
      }
    }
  }

  /** The tool an INDEX line names by its program name. */
  private static ThinTool tool(String command, int line) {
    for (ThinTool t : ThinTool.values()) {
      if (t.command().equals(command)) {
        return t;
      }
    }
    throw new AssertionError("INDEX line " + line + ": unknown tool '" + command + "'");
  }

  private List<Entry> index() throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (BufferedReader index =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream(DIR + "INDEX"), StandardCharsets.UTF_8))) {
      int n = 0;
      for (String line = index.readLine(); line != null; line = index.readLine()) {
        n++;
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        assertEquals(5, f.length, "INDEX line " + n + ": image, version, tool, allowed, seen");
        Set<ToolBehaviour> allowed = EnumSet.noneOf(ToolBehaviour.class);
        for (String b : f[3].split(",")) {
          allowed.add(ToolBehaviour.valueOf(b.strip()));
        }
        entries.add(new Entry(f[0], f[1], tool(f[2], n), allowed));
      }
    }
    return entries;
  }
}
