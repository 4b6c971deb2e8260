package io.powercut.checker.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Map;

/** The one place that maps records to JSON lines and back (see the package documentation). */
public final class ResultsFormat {
  /** The format this version writes, and the newest it reads. */
  public static final int VERSION = 1;

  private static final Map<String, Class<? extends ResultRecord>> TYPES =
      Map.of(
          "header", Header.class,
          "start", RunStart.class,
          "progress", ProgressSample.class,
          "end", RunEnd.class,
          "finding", FindingRecord.class,
          "bug", BugRow.class,
          "fuzz", FuzzSummary.class,
          "fuzz_finding", FuzzFinding.class);

  // Reports are read by people: keep '<' and '=' in messages as they are.
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private ResultsFormat() {}

  /** The {@code type} field of a record's line. */
  public static String typeOf(ResultRecord r) {
    for (Map.Entry<String, Class<? extends ResultRecord>> e : TYPES.entrySet()) {
      if (e.getValue() == r.getClass()) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("no type name for " + r.getClass());
  }

  /** One line of JSON, {@code type} first, no newline. */
  public static String encode(ResultRecord r) {
    JsonObject line = new JsonObject();
    line.addProperty("type", typeOf(r));
    GSON.toJsonTree(r)
        .getAsJsonObject()
        .entrySet()
        .forEach(e -> line.add(e.getKey(), e.getValue()));
    return GSON.toJson(line);
  }

  /**
   * Parses one line; null for a record type this version does not know (a newer writer's).
   *
   * @throws IllegalArgumentException if the line is not a JSON object with a {@code type}, or a
   *     field has the wrong shape
   */
  public static ResultRecord decode(String line) {
    JsonObject o;
    try {
      o = JsonParser.parseString(line).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException("not a JSON object", e);
    }
    if (!o.has("type") || !o.get("type").isJsonPrimitive()) {
      throw new IllegalArgumentException("no \"type\" field");
    }
    String name = o.get("type").getAsString();
    Class<? extends ResultRecord> type = TYPES.get(name);
    if (type == null) {
      return null;
    }
    try {
      return GSON.fromJson(o, type);
    } catch (RuntimeException e) {
      // Gson wraps a record constructor's complaint; the innermost message says what is wrong.
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalArgumentException("bad \"" + name + "\" record: " + cause.getMessage(), e);
    }
  }
}
